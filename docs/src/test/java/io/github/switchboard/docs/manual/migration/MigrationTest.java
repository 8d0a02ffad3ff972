package io.github.switchboard.docs.manual.migration;

import static io.github.switchboard.testkit.SwitchboardAssertions.assertClosedWith;
import static io.github.switchboard.testkit.SwitchboardAssertions.assertReceivedExactly;
import static io.github.switchboard.testkit.SwitchboardAssertions.assertRejectedWith;

import io.github.switchboard.server.EmbeddedServer;
import io.github.switchboard.testkit.SwitchboardTest;
import io.github.switchboard.testkit.TestClient;
import io.github.switchboard.testkit.TestServer;
import org.junit.jupiter.api.Test;

/** The migration guide's steps, run: the old code after step 1, and the room at the end. */
@SwitchboardTest(endpoints = {StepOneRoom.class, Room.class}, beans = NameGuard.class)
class MigrationTest {

    @Test
    void afterStepOneTheSessionCodeRunsUnchanged(TestServer server) {
        try (TestClient ada = server.client("/step1/lobby?name=ada").connect()) {
            assertReceivedExactly(ada, "welcome to lobby");
            try (TestClient bob = server.client("/step1/lobby?name=bob").connect()) {
                assertReceivedExactly(bob, "welcome to lobby");
                ada.send("hi");
                assertReceivedExactly(bob, "ada: hi");
            }
        }
    }

    @Test
    void theRoomServerServesBothStages() {
        try (EmbeddedServer rooms = RoomServer.start(0);
                TestClient ada = TestClient.builder(rooms.uri("/rooms/a?name=ada")).connect();
                TestClient bob = TestClient.builder(rooms.uri("/step1/a?name=bob")).connect()) {
            assertReceivedExactly(ada, "welcome to a");
            assertReceivedExactly(bob, "welcome to a");
        }
    }

    @Test
    void theGuardRefusesANamelessClientBeforeTheUpgrade(TestServer server) {
        assertRejectedWith(server.client("/rooms/lobby"), 401);
        assertRejectedWith(server.client("/rooms/lobby?name=robert%27);DROP"), 401);
    }

    @Test
    void aMessageReachesTheOthersButNotItsSender(TestServer server) {
        try (TestClient ada = server.client("/rooms/den?name=ada").connect()) {
            assertReceivedExactly(ada, "welcome to den");
            try (TestClient bob = server.client("/rooms/den?name=bob").connect()) {
                assertReceivedExactly(bob, "welcome to den");
                ada.send("hi");
                assertReceivedExactly(bob, "ada: hi");
                bob.send("hello");
                // Had ada received her own "ada: hi", it would have come before this.
                assertReceivedExactly(ada, "bob: hello");
            }
        }
    }

    @Test
    void aMessageOverTheDeclaredLimitClosesWith1009(TestServer server) {
        try (TestClient ada = server.client("/rooms/big?name=ada").connect()) {
            assertReceivedExactly(ada, "welcome to big");
            ada.send("x".repeat(4097));
            assertClosedWith(ada, 1009);
        }
    }
}
