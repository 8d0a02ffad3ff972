package io.github.switchboard.docs.topics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.Connection;
import io.github.switchboard.ConnectionDrained;
import io.github.switchboard.PublishResult;
import io.github.switchboard.SendResult;
import io.github.switchboard.Topics;
import io.github.switchboard.WebSocketOptions;
import io.github.switchboard.server.SwitchboardConfigurator;
import io.github.switchboard.testkit.SwitchboardTest;
import io.github.switchboard.testkit.TestServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Backpressure with a client that stops reading ({@link PausedReader}). The paused client's
 * window is 4 KiB and Linux's largest socket send buffer is 4 MiB by default, so an 8 MiB write
 * to it cannot complete until it reads.
 */
@SwitchboardTest(endpoints = {ChatRoom.class, LedgerFeed.class, HistoryEndpoint.class,
        BackpressureTest.TightHistory.class},
        beans = {HistoryStream.class, StreamMetrics.class, BackpressureTest.Drains.class})
class BackpressureTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The history with a 16 KiB buffer: the stream is refused (DROPPED) rather than paused. */
    @Dependent
    @WebSocketOptions(backpressureLimit = 16 * 1024)
    @ServerEndpoint(value = "/history/tight", configurator = SwitchboardConfigurator.class)
    public static class TightHistory {
        @Inject
        HistoryStream stream;

        @OnOpen
        public void open() {
            stream.start(HistoryEndpoint.history());
        }
    }

    /** Remembers which connections drained. */
    @ApplicationScoped
    static class Drains {
        private final Object lock = new Object();
        private final Set<String> ids = new HashSet<>();   // guarded by lock

        void drained(@Observes ConnectionDrained event) {
            synchronized (lock) {
                ids.add(event.connection().id());
                lock.notifyAll();
            }
        }

        boolean await(Connection connection) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            synchronized (lock) {
                long left;
                while (!ids.contains(connection.id())
                        && (left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
                return ids.contains(connection.id());
            }
        }
    }

    private static Topics topics(TestServer server) {
        return server.embedded().container().select(Topics.class).get();
    }

    private static <T> T bean(TestServer server, Class<T> type) {
        return server.embedded().container().select(type).get();
    }

    @Test
    void oneMessageLargerThanTheLimitFitsAnIdleConnection(TestServer server) throws Exception {
        Topics topics = topics(server);
        try (PausedReader pat = new PausedReader(server.port(), "/chat/big?name=pat")) {
            assertEquals("welcome, pat; 1 here", pat.read().text());
            Connection connection = topics.subscribers(ChatRoom.topic("big")).iterator().next();
            byte[] big = new byte[8 << 20];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) (i * 31 + (i >> 12));
            }

            SendResult first = connection.send(big);   // 8 MiB against the 1 MiB default
            assertEquals(new SendResult(SendResult.Status.WRITTEN, big.length), first);
            assertTrue(connection.bufferedAmount() >= big.length, "the client is not reading");
            assertEquals(new SendResult(SendResult.Status.DROPPED, 5), connection.send("after"));
            assertEquals(new PublishResult(1, 0, 0, 1, 0),
                    topics.publish(ChatRoom.topic("big"), "for everyone"));

            PausedReader.Frame frame = pat.read();   // the client reads again
            assertEquals(2, frame.opcode(), "binary stays binary");
            assertArrayEquals(big, frame.payload());
            assertTrue(bean(server, Drains.class).await(connection), "ConnectionDrained fired");
            assertEquals(0, connection.bufferedAmount());
            assertTrue(connection.send("next").accepted());
            assertEquals("next", pat.read().text(), "what was dropped never arrives");
        }
    }

    @Test
    void closeOnBackpressureLimitClosesWith1008AfterWhatWasAccepted(TestServer server)
            throws Exception {
        Topics topics = topics(server);
        try (PausedReader slow = new PausedReader(server.port(), "/ledger")) {
            assertEquals("snapshot", slow.read().text());   // subscribed by now
            String entry = "e".repeat(16 * 1024);
            int accepted = 0;
            PublishResult result = null;
            for (int i = 0; i < 10_000 && (result == null || result.dropped() == 0); i++) {
                result = topics.publish(LedgerFeed.TOPIC, entry);
                accepted += result.accepted();
            }
            assertEquals(new PublishResult(1, 0, 0, 1, 0), result, "the 64 KiB limit was crossed");

            for (int i = 0; i < accepted; i++) {   // everything accepted arrives before the close
                assertEquals(entry, slow.read().text());
            }
            PausedReader.Frame close = slow.read();
            assertEquals(8, close.opcode());
            assertEquals(1008, close.closeCode());
            assertEquals("backpressure limit", close.closeReason());
            // The close frame is sent after the subscriptions are dropped.
            assertEquals(0, topics.subscriberCount(LedgerFeed.TOPIC));
            assertEquals(PublishResult.none(), topics.publish(LedgerFeed.TOPIC, entry));
        }
    }

    @Test
    void aStreamPausesForASlowReaderThenDeliversEveryLineInOrder(TestServer server)
            throws Exception {
        streamsEveryLine(server, "/history");
    }

    @Test
    void aStreamResendsWhatWasDroppedAfterTheDrain(TestServer server) throws Exception {
        streamsEveryLine(server, "/history/tight");
    }

    private static void streamsEveryLine(TestServer server, String path) throws Exception {
        StreamMetrics metrics = bean(server, StreamMetrics.class);
        long before = metrics.pauses();
        try (PausedReader reader = new PausedReader(server.port(), path)) {
            assertTrue(metrics.awaitMoreThan(before, WAIT), "the stream paused");
            for (int i = 0; i < HistoryEndpoint.LINES; i++) {
                int number = i;
                String line = reader.read().text();
                assertTrue(line.equals(HistoryEndpoint.line(i)), () -> "expected line " + number
                        + ", got " + line.substring(0, Math.min(7, line.length())) + "... ("
                        + line.length() + " characters)");
            }
        }
    }
}
