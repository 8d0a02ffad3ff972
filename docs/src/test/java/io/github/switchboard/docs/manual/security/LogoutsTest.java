package io.github.switchboard.docs.manual.security;

import static io.github.switchboard.testkit.SwitchboardAssertions.assertClosedWith;
import static io.github.switchboard.testkit.SwitchboardAssertions.assertReceivedExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.switchboard.docs.manual.migration.NameGuard;
import io.github.switchboard.testkit.SwitchboardTest;
import io.github.switchboard.testkit.TestClient;
import io.github.switchboard.testkit.TestServer;
import org.junit.jupiter.api.Test;

/** A logout closes every socket of that account, and only those; nobody enters another's. */
@SwitchboardTest(endpoints = AccountFeed.class, beans = {NameGuard.class, Logouts.class,
        OwnAccountOnly.class})
class LogoutsTest {

    @Test
    void aLogoutClosesEveryConnectionOfTheAccountAndNoOther(TestServer server) {
        try (TestClient tab1 = server.client("/account?name=ada").connect();
                TestClient tab2 = server.client("/account?name=ada").connect();
                TestClient bob = server.client("/account?name=bob").connect()) {
            assertReceivedExactly(tab1, "signed in as ada");   // subscribed from here on
            assertReceivedExactly(tab2, "signed in as ada");
            assertReceivedExactly(bob, "signed in as bob");
            Logouts logouts = server.embedded().container().select(Logouts.class).get();

            assertEquals(2, logouts.loggedOut("ada"));
            assertClosedWith(tab1, 1008, "logged out");
            assertClosedWith(tab2, 1008, "logged out");
            assertEquals(0, logouts.loggedOut("nobody"));
            assertEquals(1, logouts.loggedOut("bob"));
            assertClosedWith(bob, 1008, "logged out");
        }
    }

    @Test
    void aClientCanNeitherJoinAnotherAccountNorPublishIntoItsOwn(TestServer server) {
        try (TestClient ada = server.client("/account?name=ada").connect()) {
            assertReceivedExactly(ada, "signed in as ada");
            ada.send("join bob");
            assertReceivedExactly(ada, "refused");
            ada.send("say hello");
            assertReceivedExactly(ada, "denied");
            Logouts logouts = server.embedded().container().select(Logouts.class).get();
            assertEquals(1, logouts.loggedOut("ada"), "her own topic still has her");
            assertClosedWith(ada, 1008, "logged out");
        }
    }
}
