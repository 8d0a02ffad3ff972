package io.github.switchboard.it;

import static io.github.switchboard.testkit.SwitchboardAssertions.assertReceivedExactly;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.PublishResult;
import io.github.switchboard.Topics;
import io.github.switchboard.testkit.SwitchboardTest;
import io.github.switchboard.testkit.TestClient;
import io.github.switchboard.testkit.TestServer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bun's publish/subscribe semantics, end to end through real connections. */
@SwitchboardTest(endpoints = Rooms.class)
class TopicsTest {

    private final List<TestClient> clients = new ArrayList<>();
    private TestServer server;

    @BeforeEach
    void start(TestServer server) {
        this.server = server;
        Rooms.AT_CLOSE.clear();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(TestClient::close);
    }

    private TestClient join(String farewell) {
        TestClient c = server.client("/rooms/" + farewell).connect();
        clients.add(c);
        assertTrue(c.awaitText().startsWith("hello "));
        return c;
    }

    private static String ask(TestClient c, String command) {
        c.send(command);
        return c.awaitText();
    }

    private Topics topics() {
        return server.embedded().container().select(Topics.class).get();
    }

    @Test
    void subscriptionsAreASetThatIsAlwaysExactlyTheCurrentOne() {
        TestClient a = join("f");
        assertEquals("sub x true", ask(a, "sub x"));
        assertEquals("sub x false", ask(a, "sub x"), "no duplicates");
        assertEquals("sub y true", ask(a, "sub y"));
        assertEquals("subs [x, y]", ask(a, "subs"));
        assertEquals("unsub x true", ask(a, "unsub x"));
        assertEquals("unsub x false", ask(a, "unsub x"));
        assertEquals("is x false", ask(a, "is x"));
        assertEquals("subs [y]", ask(a, "subs"));
        assertEquals("count y 1", ask(a, "count y"));
    }

    @Test
    void aPublishReachesEveryOtherSubscriberButNeverTheSender() {
        TestClient a = join("f");
        TestClient b = join("f");
        TestClient c = join("f");
        TestClient outsider = join("f");
        ask(a, "sub room");
        ask(b, "sub room");
        ask(c, "sub room");
        assertEquals("pub 2/2", ask(a, "pub room hi from a"));
        assertReceivedExactly(b, "hi from a");
        assertReceivedExactly(c, "hi from a");
        assertEquals("pub 3/3", ask(outsider, "pub room from outside"),
                "a sender that is not subscribed reaches all subscribers");
        assertReceivedExactly(a, "from outside");
        assertEquals("pub 0/0", ask(a, "pub nobody-here x"));
        // a's only messages were the answers and "from outside": never its own publish
        assertEquals("subs [room]", ask(a, "subs"));
    }

    @Test
    void aServerPublishReachesAllSubscribers() {
        TestClient a = join("f");
        TestClient b = join("f");
        ask(a, "sub news");
        ask(b, "sub news");
        PublishResult r = topics().publish("news", "extra");
        assertEquals(2, r.recipients());
        assertEquals(2, r.accepted());
        assertReceivedExactly(a, "extra");
        assertReceivedExactly(b, "extra");
        assertEquals(2, topics().subscriberCount("news"));
        assertTrue(topics().topics().contains("news"));
        assertEquals(2, topics().subscribers("news").size());
    }

    @Test
    void unknownOrInvalidTopicsHaveNoSubscribersAndInvalidNamesAreRefused() {
        assertEquals(0, topics().subscriberCount("never-used"));
        assertEquals(0, topics().subscriberCount(""));
        assertEquals(0, topics().subscriberCount(null));
        assertEquals(PublishResult.none(), topics().publish("never-used", "x"));
        assertThrows(IllegalArgumentException.class, () -> topics().publish("", "x"));
        assertThrows(IllegalArgumentException.class,
                () -> topics().publish("t".repeat(Topics.MAX_TOPIC_LENGTH + 1), "x"));
        TestClient a = join("f");
        assertEquals("sub " + "t".repeat(Topics.MAX_TOPIC_LENGTH) + " true",
                ask(a, "sub " + "t".repeat(Topics.MAX_TOPIC_LENGTH)), "the maximum itself is fine");
    }

    @Test
    void closingDropsEverySubscriptionAndTheCloseCallbackCanStillPublish() {
        TestClient leaving = join("lobby");
        TestClient staying = join("f");
        ask(leaving, "sub lobby");
        ask(leaving, "sub other");
        ask(staying, "sub lobby");
        assertEquals(2, topics().subscriberCount("lobby"));
        leaving.close();
        String bye = staying.awaitText();
        assertTrue(bye.startsWith("bye "), bye);
        String atClose = Rooms.AT_CLOSE.peek();
        assertTrue(atClose != null && atClose.endsWith(" [] false false"),
                "in @OnClose: no subscriptions, not subscribed, cannot subscribe: " + atClose);
        assertEquals(1, topics().subscriberCount("lobby"));
        assertEquals(0, topics().subscriberCount("other"), "an emptied topic is gone");
        assertTrue(!topics().topics().contains("other"));
    }

    @Test
    void orderTextAndBinaryArePreservedByteForByte() {
        TestClient a = join("f");
        TestClient b = join("f");
        ask(b, "sub t");
        String multiByte = "grüße 🎉 " + "ü".repeat(9000); // > 16 KiB of UTF-8
        for (int i = 0; i < 50; i++) {
            ask(a, "pub t " + i);
        }
        ask(a, "pub t " + multiByte);
        assertEquals("pubbin 1/1", ask(a, "pubbin t 20000"));
        for (int i = 0; i < 50; i++) {
            assertEquals(Integer.toString(i), b.awaitText(), "order per publisher");
        }
        assertEquals(multiByte, b.awaitText());
        ByteBuffer bin = b.awaitBinary();
        byte[] expected = new byte[20000];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) i;
        }
        byte[] got = new byte[bin.remaining()];
        bin.get(got);
        assertArrayEquals(expected, got, "binary stays binary, byte for byte");
    }

    @Test
    void objectsGoThroughTheEndpointsEncodersAndArePublishedEncodedOnce() {
        TestClient a = join("f");
        TestClient b = join("f");
        a.send("obj 1 2");
        assertEquals("point(1,2)", a.awaitText());
        assertEquals("obj WRITTEN", a.awaitText().replace("QUEUED", "WRITTEN"));
        a.send("blob hey");
        ByteBuffer blob = a.awaitBinary();
        assertEquals("hey", java.nio.charset.StandardCharsets.UTF_8.decode(blob).toString());
        a.awaitText();
        assertEquals("objbad SWB-1111", ask(a, "objbad"), "no encoder: a clear exception");
        ask(b, "sub shapes");
        assertEquals("pubobj 1/1", ask(a, "pubobj shapes 9"));
        assertEquals("point(7,9)", b.awaitText());
    }
}
