package io.github.switchboard.docs.topics;

import static io.github.switchboard.testkit.SwitchboardAssertions.assertReceivedExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.switchboard.Connection;
import io.github.switchboard.PublishResult;
import io.github.switchboard.Topics;
import io.github.switchboard.testkit.SwitchboardTest;
import io.github.switchboard.testkit.TestClient;
import io.github.switchboard.testkit.TestServer;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** What a subscriber can rely on, and publishToSelf. */
@SwitchboardTest(endpoints = {ChatRoom.class, Whiteboard.class})
class SemanticsTest {

    private static Topics topics(TestServer server) {
        return server.embedded().container().select(Topics.class).get();
    }

    private static Connection join(TestServer server, TestClient client, String room) {
        assertEquals("welcome, ada; 1 here", client.awaitText());
        return topics(server).subscribers(ChatRoom.topic(room)).iterator().next();
    }

    @Test
    void oneThreadsMessagesArriveInItsOrderWhetherSentOrPublished(TestServer server) {
        Topics topics = topics(server);
        try (TestClient ada = server.client("/chat/order?name=ada").connect()) {
            Connection connection = join(server, ada, "order");
            for (int i = 0; i < 500; i++) {
                if (i % 3 == 0) {
                    connection.send("m" + i);
                } else {
                    topics.publish(ChatRoom.topic("order"), "m" + i);
                }
            }
            for (int i = 0; i < 500; i++) {
                assertEquals("m" + i, ada.awaitText());
            }
        }
    }

    @Test
    void textStaysTextAndBinaryStaysBinary(TestServer server) {
        Topics topics = topics(server);
        try (TestClient ada = server.client("/chat/kinds?name=ada").connect()) {
            join(server, ada, "kinds");
            ByteBuffer bytes = ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 0xff});
            topics.publish(ChatRoom.topic("kinds"), "grüße 🎉");
            topics.publish(ChatRoom.topic("kinds"), bytes);
            assertEquals(0, bytes.position(), "the buffer is not consumed");
            assertEquals("grüße 🎉", ada.awaitText());
            assertEquals(bytes, ada.awaitBinary());
        }
    }

    @Test
    void aMessageAcceptedBeforeAnUnsubscribeIsStillDelivered(TestServer server) {
        Topics topics = topics(server);
        try (TestClient ada = server.client("/chat/late?name=ada").connect()) {
            Connection connection = join(server, ada, "late");
            assertEquals(1, topics.publish(ChatRoom.topic("late"), "before").accepted());
            connection.unsubscribe(ChatRoom.topic("late"));
            assertEquals(PublishResult.none(), topics.publish(ChatRoom.topic("late"), "after"));
            connection.send("marker");
            assertReceivedExactly(ada, "before", "marker");
        }
    }

    @Test
    void publishToSelfDeliversTheAuthorsOwnStroke(TestServer server) {
        try (TestClient ada = server.client("/board/b1").connect()) {
            ada.send("first");   // @OnOpen has subscribed before this message is read
            assertReceivedExactly(ada, "first");
            try (TestClient bob = server.client("/board/b1").connect()) {
                bob.send("line 1,1 to 5,5");
                assertReceivedExactly(bob, "line 1,1 to 5,5");   // its own, back from the server
                assertReceivedExactly(ada, "line 1,1 to 5,5");
            }
        }
    }
}
