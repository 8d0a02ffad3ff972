package io.github.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.Connection;
import io.github.switchboard.SendResult;
import io.github.switchboard.Topics;
import io.github.switchboard.server.EmbeddedServer;
import io.github.switchboard.testkit.TestClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-endpoint options and application-wide limits, each crossed once. */
class OptionsTest {

    /** Counts down when a connection is finished. */
    @jakarta.enterprise.context.ApplicationScoped
    static class Closed {
        static final java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CountDownLatch>
                LATCH = new java.util.concurrent.atomic.AtomicReference<>(
                        new java.util.concurrent.CountDownLatch(0));

        void closed(@jakarta.enterprise.event.Observes io.github.switchboard.ConnectionClosed e) {
            LATCH.get().countDown();
        }
    }

    private static EmbeddedServer start() {
        return EmbeddedServer.builder().port(0)
                .endpoints(Tuned.Self.class, Tuned.Strict.class, Tuned.Limited.class,
                        Tuned.Quiet.class)
                .beanClasses(Closed.class).start();
    }

    private static TestClient connect(EmbeddedServer server, String path) {
        return TestClient.builder(server.uri(path)).connect();
    }

    @Test
    void maxSubscriptionsCapsTheTopicsOfOneConnection() {
        try (EmbeddedServer server = start(); TestClient c = connect(server, "/tuned/self")) {
            c.awaitText();
            c.send("sub a");
            assertEquals("sub a true", c.awaitText());
            c.send("sub b");
            assertEquals("sub b true", c.awaitText());
            c.send("sub c");
            assertEquals("sub c false", c.awaitText(), "the third topic crosses maxSubscriptions = 2");
        }
    }

    @Test
    void publishToSelfDeliversToTheSenderToo() {
        try (EmbeddedServer server = start(); TestClient c = connect(server, "/tuned/self")) {
            c.awaitText();
            c.send("sub room");
            c.awaitText();
            c.send("pub room mine");
            assertEquals("mine", c.awaitText(), "published before the answer, to itself too");
            assertEquals("pub 1", c.awaitText());
        }
    }

    @Test
    void closeOnBackpressureLimitClosesAReaderThatFallsBehindWith1008() throws Exception {
        try (EmbeddedServer server = start();
                RawClient paused = new RawClient(server.port(), RawClient.TIMEOUT_MS, 4096)) {
            paused.send(RawClient.upgrade("/tuned/strict", server.port()));
            assertTrue(paused.readHead().startsWith("HTTP/1.1 101 "));
            String id = paused.readFrame().text().substring("hello ".length());
            Topics topics = server.container().select(Topics.class).get();
            Connection c = topics.connection(id).orElseThrow();
            String chunk = "y".repeat(16 * 1024);
            SendResult last = null;
            for (int i = 0; i < 10_000 && (last == null || last.accepted()); i++) {
                last = c.send(chunk);
            }
            assertEquals(SendResult.Status.DROPPED, last.status(), "the 64 KiB limit was crossed");
            int code = -1;
            while (code < 0) { // everything accepted before the close arrives first
                RawClient.Frame f = paused.readFrame();
                if (f.opcode() == 8) {
                    code = ((f.payload()[0] & 0xff) << 8) | (f.payload()[1] & 0xff);
                }
            }
            assertEquals(1008, code);
            // Asserted only now: a limit crossed right after @OnOpen, before Tyrus's connection
            // is attached, starts the close only once it is (WriterTransport's pending close);
            // the close frame marks the connection closing before it is sent.
            assertEquals(SendResult.Status.CLOSED, c.send("more").status(), "and it is closed");
        }
    }

    @Test
    void theConnectionLimitsRefuseWith503And429() throws Exception {
        System.setProperty("switchboard.max-connections", "3");
        System.setProperty("switchboard.max-connections-per-address", "2");
        List<TestClient> open = new ArrayList<>();
        try (EmbeddedServer server = start()) {
            open.add(connect(server, "/tuned/self"));
            open.add(connect(server, "/tuned/self"));
            assertEquals(429, TestClient.builder(server.uri("/tuned/self"))
                    .connectExpectingRejection().status(), "a third from the same address");
            open.forEach(TestClient::close);
        } finally {
            System.clearProperty("switchboard.max-connections");
            System.clearProperty("switchboard.max-connections-per-address");
        }
        System.setProperty("switchboard.max-connections", "1");
        try (EmbeddedServer server = start(); TestClient first = connect(server, "/tuned/self")) {
            first.awaitText();
            assertEquals(503, TestClient.builder(server.uri("/tuned/self"))
                    .connectExpectingRejection().status(), "over the total");
            Closed.LATCH.set(new java.util.concurrent.CountDownLatch(1));
            first.close();
            // the place is given back when the first connection is finished, before its closed
            // event fires
            assertTrue(Closed.LATCH.get().await(30, java.util.concurrent.TimeUnit.SECONDS));
            try (TestClient again = connect(server, "/tuned/self")) {
                assertTrue(again.awaitText().startsWith("hello "));
            }
        } finally {
            System.clearProperty("switchboard.max-connections");
        }
    }

    @Test
    void aMalformedSettingFailsTheStartNamingIt() {
        System.setProperty("switchboard.backpressure-limit", "lots");
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, OptionsTest::start);
            assertTrue(e.getMessage().contains("SWB-2006")
                    && e.getMessage().contains("switchboard.backpressure-limit"), e.getMessage());
        } finally {
            System.clearProperty("switchboard.backpressure-limit");
        }
    }

    /** Sends masked text frames and returns the close code that ends the connection. */
    private static int closeCodeAfter(RawClient c, String... messages) throws Exception {
        for (String m : messages) {
            c.send(RawClient.maskedFrame(1, m.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        while (true) {
            RawClient.Frame f = c.readFrame();
            if (f.opcode() == 8) {
                return ((f.payload()[0] & 0xff) << 8) | (f.payload()[1] & 0xff);
            }
        }
    }

    private static RawClient upgraded(EmbeddedServer server, String path) throws Exception {
        RawClient c = new RawClient(server.port());
        c.send(RawClient.upgrade(path, server.port()));
        assertTrue(c.readHead().startsWith("HTTP/1.1 101 "));
        return c;
    }

    @Test
    void maxPayloadLengthClosesWith1009() throws Exception {
        try (EmbeddedServer server = start(); RawClient c = upgraded(server, "/tuned/limited")) {
            assertEquals(1009, closeCodeAfter(c, "x".repeat(100), "y".repeat(101)));
        }
    }

    /** Sends all {@code frames} in one write; returns the texts echoed before the close code. */
    private static List<String> echoesThenClose(RawClient c, List<String> echoes, byte[]... frames)
            throws Exception {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] f : frames) {
            all.write(f);
        }
        c.send(all.toByteArray());
        while (true) {
            RawClient.Frame f;
            try {
                f = c.skipPings();
            } catch (java.io.IOException e) {
                throw new AssertionError("closed without a close frame after " + echoes, e);
            }
            if (f.opcode() == 8) {
                echoes.add("close " + f.closeCode());
                return echoes;
            }
            echoes.add(f.text());
        }
    }

    @Test
    void messagesBeforeAnOversizedOneInTheSameReadAreStillDelivered() throws Exception {
        try (EmbeddedServer server = start(); RawClient c = upgraded(server, "/tuned/limited")) {
            byte[] ok = RawClient.maskedFrame(1, "first".getBytes(StandardCharsets.UTF_8));
            byte[] ok2 = RawClient.maskedFrame(1, "second".getBytes(StandardCharsets.UTF_8));
            byte[] big = RawClient.maskedFrame(1, "y".repeat(101).getBytes(StandardCharsets.UTF_8));
            byte[] after = RawClient.maskedFrame(1, "never".getBytes(StandardCharsets.UTF_8));
            assertEquals(List.of("first", "second", "close 1009"),
                    echoesThenClose(c, new ArrayList<>(), ok, ok2, big, after));
        }
    }

    @Test
    void aBurstPastTheRateIsServedUpToTheLimitThenClosedWith1008() throws Exception {
        try (EmbeddedServer server = start(); RawClient c = upgraded(server, "/tuned/limited")) {
            byte[][] burst = new byte[50][];
            for (int i = 0; i < burst.length; i++) {
                burst[i] = RawClient.maskedFrame(1, ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            List<String> got = echoesThenClose(c, new ArrayList<>(), burst);
            assertEquals("close 1008", got.get(got.size() - 1));
            List<String> echoed = got.subList(0, got.size() - 1);
            assertTrue(echoed.size() >= 5, "the burst of five is served: " + echoed);
            for (int i = 0; i < echoed.size(); i++) {
                assertEquals("m" + i, echoed.get(i), "in order, none skipped");
            }
        }
    }

    @Test
    void maxMessagesPerSecondClosesAClientThatGoesFasterWith1008() throws Exception {
        try (EmbeddedServer server = start(); RawClient c = upgraded(server, "/tuned/limited")) {
            String[] burst = new String[50]; // a burst of 5 is allowed, then 5 a second
            java.util.Arrays.fill(burst, "m");
            assertEquals(1008, closeCodeAfter(c, burst));
        }
    }

    @Test
    void afterTheServerStoppedNothingThrowsAndEverythingReportsClosed() throws Exception {
        Connection c;
        try (EmbeddedServer server = start(); TestClient client = connect(server, "/tuned/self")) {
            String id = client.awaitText().substring("hello ".length());
            c = server.container().select(Topics.class).get().connection(id).orElseThrow();
            assertTrue(c.subscribe("room"));
        }
        assertEquals(false, c.isOpen());
        assertEquals(SendResult.Status.CLOSED, c.send("late").status());
        assertEquals(false, c.subscribe("other"));
        assertEquals(false, c.isSubscribed("room"));
        assertEquals(false, c.unsubscribe("room"));
        assertEquals(java.util.Set.of(), c.subscriptions());
        assertEquals(0, c.publish("room", "x").recipients());
        assertEquals(false, c.run(() -> { }));
        c.close();
        c.close(4000, "again");
    }

    @Test
    void anEndpointsOwnIdleTimeoutWithoutPingsClosesWithoutAPingFirst() throws Exception {
        try (EmbeddedServer server = start(); RawClient c = upgraded(server, "/tuned/quiet")) {
            // the server's idle timeout is 120 s: this endpoint's 1 s applies, and no ping comes
            RawClient.Frame first = c.readFrame();
            assertEquals(8, first.opcode(), "the close, with no ping before it");
            assertEquals(1000, ((first.payload()[0] & 0xff) << 8) | (first.payload()[1] & 0xff));
        }
    }
}
