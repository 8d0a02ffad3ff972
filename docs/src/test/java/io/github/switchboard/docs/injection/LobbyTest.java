package io.github.switchboard.docs.injection;

import static io.github.switchboard.testkit.SwitchboardAssertions.assertReceivedExactly;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.testkit.SwitchboardTest;
import io.github.switchboard.testkit.TestClient;
import io.github.switchboard.testkit.TestServer;
import org.junit.jupiter.api.Test;

/** Connection stand-ins in an application-scoped bean, and the real connections it keeps. */
@SwitchboardTest(endpoints = LobbyEndpoint.class, beans = {LoginGuard.class, Lobby.class})
class LobbyTest {

    @Test
    void theStandInIsTheConnectionWhoseCallbackIsRunning(TestServer server) {
        try (TestClient ada = server.client("/lobby").header("X-User", "ada").connect()) {
            assertReceivedExactly(ada, "ada is here");
            try (TestClient bob = server.client("/lobby").header("X-User", "bob").connect()) {
                assertReceivedExactly(bob, "bob is here");
                assertReceivedExactly(ada, "bob is here");
                ada.send("hi");
                assertReceivedExactly(ada, "ada: hi");
                assertReceivedExactly(bob, "ada: hi");
            }
        }
    }

    @Test
    void theConnectionsItKeptCanBeUsedFromAnyThread(TestServer server) {
        Lobby lobby = server.embedded().container().select(Lobby.class).get();
        try (TestClient cy = server.client("/lobby").header("X-User", "cy").connect()) {
            assertReceivedExactly(cy, "cy is here");
            lobby.announce("maintenance at noon"); // the test's thread: no callback is running
            assertReceivedExactly(cy, "maintenance at noon");
        }
    }

    @Test
    void theStandInOutsideAnyCallbackThrowsSwb1104(TestServer server) {
        Lobby lobby = server.embedded().container().select(Lobby.class).get();
        IllegalStateException e = assertThrows(IllegalStateException.class, lobby::enter);
        assertTrue(e.getMessage().startsWith("SWB-1104 "), e.getMessage());
    }
}
