package io.github.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.Connection;
import io.github.switchboard.PublishResult;
import io.github.switchboard.Topics;
import io.github.switchboard.testkit.SwitchboardTest;
import io.github.switchboard.testkit.TestClient;
import io.github.switchboard.testkit.TestServer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading costs only its own bounded buffer: the publisher never blocks,
 * the other subscribers receive everything, the slow one's messages are dropped (and reported)
 * once its buffer is full; a large message to a paused reader arrives whole when it reads again.
 */
@SwitchboardTest(endpoints = Rooms.class, beans = SlowConsumerTest.Drains.class,
        maxMessageSize = 1 << 20)
class SlowConsumerTest {

    /** Counts drain events. */
    @jakarta.enterprise.context.ApplicationScoped
    static class Drains {
        static final java.util.concurrent.Semaphore SEEN = new java.util.concurrent.Semaphore(0);
        static final java.util.Set<String> IDS = java.util.concurrent.ConcurrentHashMap.newKeySet();

        void drained(@jakarta.enterprise.event.Observes io.github.switchboard.ConnectionDrained e) {
            IDS.add(e.connection().id());
            SEEN.release();
        }

        /** Waits for a drain event of the connection {@code id}. */
        static boolean awaitDrain(String id) throws InterruptedException {
            while (!IDS.contains(id)) {
                if (!SEEN.tryAcquire(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The embedded server's per-connection limit (EndpointOptions.DEFAULT_BACKPRESSURE_LIMIT). */
    private static final long LIMIT = 1L << 20;
    private static final int MESSAGES = 2_000;
    private static final int SIZE = 16 * 1024;
    /** Subscribers that keep reading, beside the one that stops. */
    private static final int NORMAL = 16;

    private static String idOf(String greeting) {
        return greeting.substring("hello ".length());
    }

    @Test
    void aReaderThatStopsIsBoundedAndTheOthersGetEverything(TestServer server) throws Exception {
        Topics topics = server.embedded().container().select(Topics.class).get();
        List<TestClient> normal = new ArrayList<>();
        try (RawClient slow = new RawClient(server.port(), RawClient.TIMEOUT_MS, 4096)) {
            slow.send(RawClient.upgrade("/rooms/f", server.port()));
            assertTrue(slow.readHead().startsWith("HTTP/1.1 101 "));
            Connection slowConnection = topics.connection(idOf(slow.readFrame().text())).orElseThrow();
            slowConnection.subscribe("feed");
            for (int i = 0; i < NORMAL; i++) {
                TestClient c = server.client("/rooms/f").connect();
                normal.add(c);
                topics.connection(idOf(c.awaitText())).orElseThrow().subscribe("feed");
            }
            Runtime rt = Runtime.getRuntime();
            System.gc(); // a rough figure for the report only; nothing asserts on it
            long heapBefore = rt.totalMemory() - rt.freeMemory();
            String filler = "x".repeat(SIZE - 8);
            long startedAt = System.nanoTime();
            int droppedForSlow = 0;
            long maxBuffered = 0;
            for (int i = 0; i < MESSAGES; i++) {
                PublishResult r = topics.publish("feed", String.format("%07d ", i) + filler);
                assertEquals(NORMAL + 1, r.recipients());
                assertTrue(r.dropped() <= 1 && r.closed() == 0, "only the slow one may drop: " + r);
                droppedForSlow += r.dropped();
                maxBuffered = Math.max(maxBuffered, slowConnection.bufferedAmount());
                if (i % 16 == 15) { // the normal readers keep up; nobody waits for the slow one
                    for (TestClient c : normal) {
                        for (int k = i - 15; k <= i; k++) {
                            assertEquals(String.format("%07d ", k), c.awaitText().substring(0, 8));
                        }
                    }
                }
            }
            long elapsedNanos = System.nanoTime() - startedAt;
            System.gc();
            long heapAfter = rt.totalMemory() - rt.freeMemory();
            System.out.printf("slow consumer: the %d readers got all %d messages of %d KiB in %d ms "
                    + "(%.0f messages/s each, the publisher pausing every 16 to check them)%n",
                    NORMAL, MESSAGES, SIZE / 1024, elapsedNanos / 1_000_000,
                    MESSAGES * 1e9 / elapsedNanos);
            System.out.printf("slow consumer: %d of %d messages dropped for it, its buffer peaked at"
                    + " %d bytes (limit %d); heap in use before %d MiB, after %d MiB%n",
                    droppedForSlow, MESSAGES, maxBuffered, LIMIT, heapBefore >> 20, heapAfter >> 20);
            assertTrue(droppedForSlow > 0, "the slow reader's buffer filled and messages were dropped");
            assertTrue(maxBuffered <= LIMIT + SIZE + 16, "bounded: " + maxBuffered);
        } finally {
            normal.forEach(TestClient::close);
        }
    }

    @Test
    void anEightMebibyteMessageToAPausedReaderArrivesWholeWhenItReads(TestServer server)
            throws Exception {
        Topics topics = server.embedded().container().select(Topics.class).get();
        try (RawClient paused = new RawClient(server.port(), RawClient.TIMEOUT_MS, 4096)) {
            paused.send(RawClient.upgrade("/rooms/f", server.port()));
            assertTrue(paused.readHead().startsWith("HTTP/1.1 101 "));
            Connection c = topics.connection(idOf(paused.readFrame().text())).orElseThrow();
            byte[] big = new byte[8 << 20];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) (i * 31 + (i >> 12));
            }
            assertTrue(c.send(big).accepted(), "alone in the buffer, a message above the limit fits");
            assertTrue(c.bufferedAmount() > 0, "the reader is paused: the bytes wait in the buffer");
            assertEquals("dropped", c.send("after").status().name().toLowerCase(java.util.Locale.ROOT),
                    "behind 8 MiB, a further message crosses the 1 MiB limit");
            RawClient.Frame frame = paused.readFrame();
            assertEquals(2, frame.opcode());
            assertArrayEquals(big, frame.payload(), "byte-exact");
            assertTrue(Drains.awaitDrain(c.id()),
                    "the buffer emptied after backpressure: the drain event fired");
            c.send("next");
            assertEquals("next", new String(paused.readFrame().payload(), StandardCharsets.UTF_8));
        }
    }
}
