package io.github.switchboard.testkit.example;

import static io.github.switchboard.testkit.SwitchboardAssertions.assertClosedWith;
import static io.github.switchboard.testkit.SwitchboardAssertions.assertReceivedExactly;
import static io.github.switchboard.testkit.SwitchboardAssertions.assertRejectedWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.switchboard.testkit.Rejection;
import io.github.switchboard.testkit.SwitchboardTest;
import io.github.switchboard.testkit.TestClient;
import io.github.switchboard.testkit.TestServer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@SwitchboardTest(endpoints = EchoEndpoint.class, beans = TokenGuard.class)
class EchoEndpointTest {

    @Test
    void echoesEachMessageThenClosesOnBye(TestServer server) {
        try (TestClient client = server.client("/echo")
                .header("Authorization", "Bearer test-token")
                .cookie("user", "ada")
                .connect()) {
            assertEquals("hello ada", client.awaitText());
            client.send("one");
            client.send("two");
            client.send("bye");
            assertReceivedExactly(client, "one", "two");
            assertClosedWith(client, 1000, "bye"); // nothing else came between "two" and the close
        }
    }

    @Test
    void refusesAnUpgradeWithoutTheToken(TestServer server) {
        Rejection rejection = assertRejectedWith(server.client("/echo").cookie("user", "ada"), 401);
        assertEquals(Optional.of("Bearer"), rejection.header("WWW-Authenticate"));
    }

    @Test
    void refusesAnUpgradeWithoutTheUserCookie(TestServer server) {
        assertRejectedWith(server.client("/echo").header("Authorization", "Bearer test-token"),
                403);
    }
}
