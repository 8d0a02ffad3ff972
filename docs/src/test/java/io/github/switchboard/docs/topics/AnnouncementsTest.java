package io.github.switchboard.docs.topics;

import static io.github.switchboard.testkit.SwitchboardAssertions.assertReceivedExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.switchboard.testkit.SwitchboardTest;
import io.github.switchboard.testkit.TestClient;
import io.github.switchboard.testkit.TestServer;
import org.junit.jupiter.api.Test;

/** Publishing from an application-scoped service, as a REST resource would. */
@SwitchboardTest(endpoints = ChatRoom.class, beans = Announcements.class)
class AnnouncementsTest {

    private static Announcements announcements(TestServer server) {
        return server.embedded().container().select(Announcements.class).get();
    }

    @Test
    void anAnnouncementReachesEveryMemberOfTheRoom(TestServer server) {
        Announcements announcements = announcements(server);
        assertEquals(0, announcements.presence("ops"));
        assertEquals(0, announcements.announce("ops", "nobody hears this"));
        try (TestClient ada = server.client("/chat/ops?name=ada").connect()) {
            assertReceivedExactly(ada, "welcome, ada; 1 here");   // ada's @OnOpen has run
            try (TestClient bob = server.client("/chat/ops?name=bob").connect();
                    TestClient cy = server.client("/chat/dev?name=cy").connect()) {
                assertReceivedExactly(bob, "welcome, bob; 2 here");
                assertReceivedExactly(ada, "bob joined; 2 here");
                assertReceivedExactly(cy, "welcome, cy; 1 here");
                assertEquals(2, announcements.presence("ops"));

                assertEquals(2, announcements.announce("ops", "deploy at noon"));   // no sender
                assertReceivedExactly(ada, "announcement: deploy at noon");
                assertReceivedExactly(bob, "announcement: deploy at noon");
                cy.send("anyone?");   // alone in dev: nobody else hears it
                assertEquals(1, announcements.announce("dev", "you are not alone"));
                assertReceivedExactly(cy, "announcement: you are not alone");   // nothing from ops
            }
        }
    }

    @Test
    void presenceFollowsJoinsAndLeaves(TestServer server) {
        Announcements announcements = announcements(server);
        try (TestClient ada = server.client("/chat/desk?name=ada").connect()) {
            assertReceivedExactly(ada, "welcome, ada; 1 here");
            try (TestClient bob = server.client("/chat/desk?name=bob").connect()) {
                assertReceivedExactly(bob, "welcome, bob; 2 here");
                assertEquals(2, announcements.presence("desk"));
            }
            assertReceivedExactly(ada, "bob joined; 2 here", "bob left; 1 here");
            assertEquals(1, announcements.presence("desk"));
        }
    }
}
