package io.github.switchboard.redis;

import static io.github.switchboard.testkit.SwitchboardAssertions.assertReceivedExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.TopicBus;
import io.github.switchboard.Topics;
import io.github.switchboard.server.EmbeddedServer;
import io.github.switchboard.testkit.TestClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Three embedded nodes on one real Redis: Bun's topic semantics hold across nodes. */
class CrossNodeTest {

    static RedisProcess redis;
    static final List<EmbeddedServer> nodes = new ArrayList<>();
    static RedisClient admin;
    static StatefulRedisConnection<String, String> adminConnection;
    final List<TestClient> clients = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        redis = RedisProcess.start();
        for (int i = 0; i < 3; i++) {
            nodes.add(node(RedisTopicBus.builder(redis.uri()).build()));
        }
        admin = RedisClient.create(redis.uri());
        adminConnection = admin.connect();
    }

    static EmbeddedServer node(TopicBus bus) {
        return EmbeddedServer.builder().port(0).endpoints(BusRoom.class, SelfRoom.class)
                .beanClasses(NoSecrets.class).bus(bus).start();
    }

    @AfterAll
    static void stopCluster() {
        nodes.forEach(EmbeddedServer::close);
        nodes.clear();
        if (adminConnection != null) {
            adminConnection.close();
            admin.shutdown();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(TestClient::close);
    }

    TestClient join(int node) {
        return join(nodes.get(node), "/room");
    }

    TestClient join(EmbeddedServer server, String path) {
        TestClient c = TestClient.builder(server.uri(path)).connect();
        clients.add(c);
        return c;
    }

    static String ask(TestClient c, String command) {
        c.send(command);
        return c.awaitText();
    }

    static Topics topics(int node) {
        return nodes.get(node).container().select(Topics.class).get();
    }

    static TopicBus.Stats stats(int node) {
        return nodes.get(node).bus().orElseThrow().stats();
    }

    /** Waits until {@code nodes} nodes listen on the topic's channel (PUBSUB NUMSUB). */
    static void awaitInterest(String channel, long expected) {
        Awaits.until(() -> adminConnection.sync().pubsubNumsub(channel).get(channel) == expected,
                () -> channel + " has " + adminConnection.sync().pubsubNumsub(channel)
                        + " subscribers on Redis, not " + expected);
    }

    @Test
    void aPublishReachesSubscribersOnEveryNodeOnceAndNeverTheSender() {
        TestClient a0 = join(0);
        TestClient a1 = join(0);
        TestClient b = join(1);
        TestClient c = join(2);
        for (TestClient t : List.of(a0, a1, b, c)) {
            assertEquals("sub room1 true", ask(t, "sub room1"));
        }
        awaitInterest("switchboard:t:room1", 3);

        assertEquals("pub 1/1", ask(a0, "pub room1 hello"), "one local recipient: a1");
        assertReceivedExactly(a1, "hello");
        assertReceivedExactly(b, "hello");
        assertReceivedExactly(c, "hello");

        // A server publish on node 2 reaches every subscriber of every node, the sender of the
        // first publish included; what each gets next proves nothing else came first.
        assertEquals(1, topics(2).publish("room1", "end").recipients(), "counts node 2 only");
        for (TestClient t : List.of(a0, a1, b, c)) {
            assertReceivedExactly(t, "end");
        }
        assertEquals("count 2", ask(a0, "count room1"), "subscriberCount stays local");
    }

    @Test
    void publishToSelfHoldsAcrossNodesWithoutADuplicate() {
        TestClient self = join(nodes.get(0), "/self");
        TestClient b = join(1);
        assertEquals("sub me true", ask(self, "sub me"));
        assertEquals("sub me true", ask(b, "sub me"));
        awaitInterest("switchboard:t:me", 2);

        self.send("pub me mine");
        assertReceivedExactly(self, "mine", "pub 1/1");
        assertReceivedExactly(b, "mine");
        topics(1).publish("me", "end");
        assertReceivedExactly(self, "end");
        assertReceivedExactly(b, "end");
    }

    @Test
    void unsubscribeStopsCrossNodeDeliveryAndRedisShowsOnlyTheInterests() {
        String channel = "switchboard:t:u1";
        TestClient b = join(1);
        TestClient b2 = join(1);
        TestClient c = join(2);
        TestClient a = join(0);
        assertFalse(channels().contains(channel));
        ask(b, "sub u1");
        awaitInterest(channel, 1);
        assertTrue(channels().contains(channel), "PUBSUB CHANNELS lists the interest");
        ask(b2, "sub u1");
        ask(c, "sub u1");
        awaitInterest(channel, 2); // one subscription per node, not per subscriber

        ask(b, "unsub u1");
        assertEquals("pub 0/0", ask(a, "pub u1 one"));
        assertReceivedExactly(b2, "one");
        assertReceivedExactly(c, "one");

        ask(b2, "unsub u1");
        awaitInterest(channel, 1); // node 1 stopped listening
        assertEquals("pub 0/0", ask(a, "pub u1 two"));
        assertReceivedExactly(c, "two");
        assertEquals("count 0", ask(b, "count u1"), "nothing reached node 1 before this");
        assertEquals("count 0", ask(b2, "count u1"));

        ask(c, "unsub u1");
        awaitInterest(channel, 0);
        assertFalse(channels().contains(channel), "no node listens for an unwanted topic");
        Set<String> nodeChannels = new TreeSet<>(adminConnection.sync().pubsubChannels("switchboard:n:*"));
        assertEquals(3, nodeChannels.size(), "each node listens for count answers: " + nodeChannels);
    }

    static Set<String> channels() {
        return new TreeSet<>(adminConnection.sync().pubsubChannels("switchboard:t:*"));
    }

    @Test
    void tenThousandMessagesPerPublisherArriveInOrder() {
        TestClient sub = join(2);
        TestClient p0 = join(0);
        TestClient p1 = join(1);
        ask(sub, "sub order");
        awaitInterest("switchboard:t:order", 1);
        long dropped = stats(0).dropped() + stats(1).dropped();
        int perPublisher = 10_000;
        int chunk = 1_000;
        for (int base = 0; base < perPublisher; base += chunk) {
            p0.send("burst order " + chunk + " " + base + " p0");
            p1.send("burst order " + chunk + " " + base + " p1");
        }
        for (int i = 0; i < perPublisher / chunk; i++) {
            assertEquals("burst done", p0.awaitText());
            assertEquals("burst done", p1.awaitText());
        }
        Map<String, Integer> next = new HashMap<>(Map.of("p0", 0, "p1", 0));
        for (int i = 0; i < 2 * perPublisher; i++) {
            String[] m = sub.awaitText().split(" ");
            int expected = next.get(m[0]);
            assertEquals(expected, Integer.parseInt(m[1]), "from " + m[0] + " after " + i);
            next.put(m[0], expected + 1);
        }
        assertEquals(Map.of("p0", perPublisher, "p1", perPublisher), next);
        assertEquals(dropped, stats(0).dropped() + stats(1).dropped(), "nothing dropped");
    }

    @Test
    void binaryStaysBinaryAndMultiByteTextStaysIntact() {
        TestClient a = join(0);
        TestClient b = join(1);
        ask(b, "sub bytes");
        awaitInterest("switchboard:t:bytes", 1);
        assertEquals("pubbin 0/0", ask(a, "pubbin bytes"));
        ByteBuffer got = b.awaitBinary();
        assertEquals(256, got.remaining());
        for (int i = 0; i < 256; i++) {
            assertEquals((byte) i, got.get(i));
        }
        String text = "h\u00e9llo \u2013 \u4f60\u597d \ud83c\udf89\ud83d\udc69\u200d\ud83d\udc67 e\u0301 "
                + "\u00df".repeat(30_000);
        assertEquals("pub 0/0", ask(a, "pub bytes " + text));
        assertReceivedExactly(b, text);
    }

    @Test
    void aDeniedPublishNeverReachesAnotherNode() {
        TestClient a = join(0);
        TestClient b = join(1);
        ask(b, "sub secret-plans");
        ask(b, "sub open");
        awaitInterest("switchboard:t:secret-plans", 1);
        awaitInterest("switchboard:t:open", 1);
        assertEquals("pub 0/0 denied", ask(a, "pub secret-plans leak"));
        assertEquals("pub 0/0", ask(a, "pub open fine"));
        assertReceivedExactly(b, "fine"); // "leak" would have come first: same node, same order
        // The server's own publish is trusted, and crosses.
        topics(0).publish("secret-plans", "from the server");
        assertReceivedExactly(b, "from the server");
    }

    @Test
    void theClusterWideCountAsksEveryInterestedNode() {
        TestClient a0 = join(0);
        TestClient a1 = join(0);
        TestClient b = join(1);
        TestClient c = join(2);
        ask(a0, "sub counted");
        ask(a1, "sub counted");
        ask(b, "sub counted");
        awaitInterest("switchboard:t:counted", 2);
        c.send("ccount counted");
        assertReceivedExactly(c, "ccount counted 3");
        a0.send("ccount counted");
        assertReceivedExactly(a0, "ccount counted 3");
        c.send("ccount nobody-here");
        assertReceivedExactly(c, "ccount nobody-here 0");
        assertEquals(3L, topics(2).clusterSubscriberCount("counted").toCompletableFuture().join());
    }

    @Test
    void malformedMessagesOnTheBusAreCountedAndIgnored() {
        TestClient b = join(1);
        ask(b, "sub junk");
        String channel = "switchboard:t:junk";
        awaitInterest(channel, 1);
        long before = stats(1).malformed();
        RedisClient raw = RedisClient.create(redis.uri());
        try (var conn = raw.connect(ByteArrayCodec.INSTANCE)) {
            byte[] ch = channel.getBytes(StandardCharsets.UTF_8);
            conn.sync().publish(ch, "hello".getBytes(StandardCharsets.UTF_8)); // not ours
            conn.sync().publish(ch, new byte[] {1, 1, 1, 'x', 0, (byte) 0xc3, 0x28}); // bad UTF-8
            conn.sync().publish(ch, new byte[] {1, 2, 9, 'x'}); // truncated
            conn.sync().publish(ch, new byte[] {1, 4, 0, 0}); // an answer on a topic channel
            conn.sync().publish(ch, new byte[] {1, 1, 2, 'x', '\n', 0, 'y'}); // a bad node id
        } finally {
            raw.shutdown();
        }
        topics(0).publish("junk", "clean");
        assertReceivedExactly(b, "clean"); // nothing of the above reached the client
        assertEquals(before + 5, stats(1).malformed());
        assertTrue(stats(1).connected());
    }

    @Test
    void channelPrefixesKeepApplicationsApart() {
        EmbeddedServer other = node(RedisTopicBus.builder(redis.uri()).channelPrefix("other:")
                .build());
        try {
            TestClient x = join(other, "/room");
            TestClient y = join(1);
            ask(x, "sub shared");
            ask(y, "sub shared");
            awaitInterest("other:t:shared", 1);
            awaitInterest("switchboard:t:shared", 1);
            topics(0).publish("shared", "for switchboard");
            assertReceivedExactly(y, "for switchboard");
            other.container().select(Topics.class).get().publish("shared", "for other");
            assertReceivedExactly(x, "for other"); // the first publish never reached it
        } finally {
            other.close();
        }
    }
}
