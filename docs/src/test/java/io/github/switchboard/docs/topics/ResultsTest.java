package io.github.switchboard.docs.topics;

import static io.github.switchboard.testkit.SwitchboardAssertions.assertReceivedExactly;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.Connection;
import io.github.switchboard.PublishResult;
import io.github.switchboard.SendResult;
import io.github.switchboard.Topics;
import io.github.switchboard.testkit.SwitchboardTest;
import io.github.switchboard.testkit.TestClient;
import io.github.switchboard.testkit.TestServer;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Results, not exceptions: what send, publish and subscribe report, and what they refuse. */
@SwitchboardTest(endpoints = ChatRoom.class)
class ResultsTest {

    private static Topics topics(TestServer server) {
        return server.embedded().container().select(Topics.class).get();
    }

    /** The connection of the only member of {@code room}. */
    private static Connection only(TestServer server, String room) {
        Set<Connection> members = topics(server).subscribers(ChatRoom.topic(room));
        assertEquals(1, members.size(), members.toString());
        return members.iterator().next();
    }

    @Test
    void aSendReportsItsOutcomeAndThePayloadBytes(TestServer server) {
        try (TestClient ada = server.client("/chat/r1?name=ada").connect()) {
            assertReceivedExactly(ada, "welcome, ada; 1 here");
            SendResult result = only(server, "r1").send("héllo");
            assertTrue(result.accepted(), result.toString());   // WRITTEN, or QUEUED behind one
            assertEquals(6, result.bytes(), "UTF-8 bytes of the payload");
            assertReceivedExactly(ada, "héllo");
        }
    }

    @Test
    void aPublishCountsItsRecipients(TestServer server) {
        Topics topics = topics(server);
        assertEquals(PublishResult.none(), topics.publish(ChatRoom.topic("nobody"), "x"));
        try (TestClient ada = server.client("/chat/r2?name=ada").connect()) {
            assertReceivedExactly(ada, "welcome, ada; 1 here");
            try (TestClient bob = server.client("/chat/r2?name=bob").connect()) {
                assertReceivedExactly(bob, "welcome, bob; 2 here");
                PublishResult result = topics.publish(ChatRoom.topic("r2"), "all");
                assertEquals(2, result.recipients());
                assertEquals(2, result.accepted());   // written + queued
                assertEquals(0, result.dropped() + result.closed());
            }
        }
    }

    @Test
    void aClosedConnectionAnswersWithResultsAndNeverThrows(TestServer server) {
        Topics topics = topics(server);
        try (TestClient bob = server.client("/chat/r3?name=bob").connect()) {
            assertReceivedExactly(bob, "welcome, bob; 1 here");
            Connection ada;
            try (TestClient adaClient = server.client("/chat/r3?name=ada").connect()) {
                assertReceivedExactly(adaClient, "welcome, ada; 2 here");
                assertReceivedExactly(bob, "ada joined; 2 here");
                ada = topics.subscribers(ChatRoom.topic("r3")).stream()
                        .filter(c -> c.handshake().queryParameter("name").orElse("").equals("ada"))
                        .findFirst().orElseThrow();
            } // ada's client has closed, and the server has answered its close frame
            assertReceivedExactly(bob, "ada left; 1 here");

            assertFalse(ada.isOpen());
            assertEquals(SendResult.closed(), ada.send("anyone?"));
            assertEquals(0, SendResult.closed().bytes());
            assertFalse(ada.subscribe("elsewhere"));
            assertFalse(topics.subscribe(ada, "elsewhere"));
            assertFalse(ada.unsubscribe(ChatRoom.topic("r3")));
            assertFalse(ada.isSubscribed(ChatRoom.topic("r3")));
            assertEquals(Set.of(), ada.subscriptions());
            assertDoesNotThrow(() -> ada.close(1000, "again"));
            // The sender is excluded whether or not it is open: the others still hear it.
            assertEquals(1, ada.publish(ChatRoom.topic("r3"), "from ada, after the end")
                    .recipients());
            assertReceivedExactly(bob, "from ada, after the end");
        }
    }

    @Test
    void topicNamesAreOneTo256CharactersAndAnythingElseIsAProgrammingError(TestServer server) {
        Topics topics = topics(server);
        String longest = "t".repeat(Topics.MAX_TOPIC_LENGTH);
        String tooLong = longest + "t";
        assertEquals(PublishResult.none(), topics.publish(longest, "fine, nobody listens"));
        assertThrows(IllegalArgumentException.class, () -> topics.publish("", "x"));
        assertThrows(IllegalArgumentException.class, () -> topics.publish(tooLong, "x"));
        assertThrows(NullPointerException.class, () -> topics.publish("t", (String) null));
        // The queries answer instead of throwing: no such topic has subscribers.
        assertEquals(0, topics.subscriberCount(""));
        assertEquals(0, topics.subscriberCount(tooLong));
        assertEquals(Set.of(), topics.subscribers(tooLong));
        try (TestClient ada = server.client("/chat/r4?name=ada").connect()) {
            assertReceivedExactly(ada, "welcome, ada; 1 here");
            Connection connection = only(server, "r4");
            assertTrue(connection.subscribe(longest));
            assertThrows(IllegalArgumentException.class, () -> connection.subscribe(tooLong));
            assertThrows(IllegalArgumentException.class, () -> connection.isSubscribed(""));
            assertThrows(IllegalArgumentException.class, () -> connection.publish("", "x"));
            ada.close();
            // Checked before the state: a bad name is refused after the close as well.
            assertThrows(IllegalArgumentException.class, () -> connection.subscribe(tooLong));
        }
    }
}
