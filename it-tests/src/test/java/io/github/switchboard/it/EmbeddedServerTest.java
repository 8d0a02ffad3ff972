package io.github.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The embedded server's binding, lifecycle and handshake deadline. */
class EmbeddedServerTest {

    /**
     * How long clients here wait for a server that was configured with 1-second timeouts: far
     * longer than the 1-2 s those take, but shorter than the defaults (10 s handshake, 120 s
     * idle), so a server that ignored the setting fails the test instead of passing slowly.
     */
    private static final int SHORTER_THAN_DEFAULTS_MS = 8_000;

    private static EmbeddedServer.Builder builder() {
        return EmbeddedServer.builder().port(0).endpoints(ContextEndpoint.class)
                .beanClasses(TestGuard.class);
    }

    @Test
    void portZeroBindsAnEphemeralPortThatIsReported() {
        try (EmbeddedServer server = builder().start()) {
            assertNotEquals(0, server.port());
            assertNotEquals(8025, server.port(), "Tyrus's own Server maps 0 to 8025");
            assertEquals("ws://127.0.0.1:" + server.port() + "/ctx/a", server.uri("/ctx/a").toString());
        }
    }

    @Test
    void listensOnlyOnTheGivenHost() throws Exception {
        try (EmbeddedServer server = builder().host("127.0.0.1").start()) {
            try (Socket ok = new Socket()) {
                ok.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            }
            // Linux routes all of 127/8 to loopback: a 0.0.0.0 bind would answer on 127.0.0.2.
            try (Socket other = new Socket()) {
                assertThrows(ConnectException.class, () -> other.connect(
                        new InetSocketAddress("127.0.0.2", server.port()), 5_000));
            }
        }
    }

    @Test
    void aTakenPortFailsWithAClearException() {
        try (EmbeddedServer first = builder().start()) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> builder().port(first.port()).start());
            assertInstanceOf(BindException.class, e.getCause());
            assertTrue(e.getMessage().contains("SWB-2001") && e.getMessage().contains(
                    "127.0.0.1:" + first.port()) && e.getMessage().contains("in use"), e.getMessage());
            try (EmbeddedServer again = builder().start()) { // nothing leaked blocks a new server
                assertNotEquals(0, again.port());
            }
        }
    }

    @Test
    void anEndpointWithoutTheSwitchboardConfiguratorIsRefusedAtStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EmbeddedServer.builder().port(0).endpoints(PlainEndpoint.class)
                        .beanClasses(TestGuard.class).start());
        assertTrue(e.getMessage().startsWith("SWB-2003"), e.getMessage());
    }

    @Test
    void closeSendsGoingAwayToEveryClientAndIsIdempotent() throws Exception {
        EmbeddedServer server = builder().start();
        try (RawClient a = new RawClient(server.port()); RawClient b = new RawClient(server.port())) {
            for (RawClient c : new RawClient[] {a, b}) {
                c.send(RawClient.upgrade("/ctx/a", server.port()));
                assertTrue(c.readHead().startsWith("HTTP/1.1 101 "));
                c.readFrame();
            }
            assertEquals(2, server.openConnections());
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            for (RawClient c : new RawClient[] {a, b}) {
                RawClient.Frame close = c.readFrame();
                assertEquals(0x8, close.opcode());
                assertEquals(1001, close.closeCode());
                c.send(RawClient.maskedFrame(0x8, new byte[] {0x03, (byte) 0xE9}));
            }
            closing.get(30, TimeUnit.SECONDS);
            assertEquals(0, server.openConnections());
            server.close(); // again: no exception, nothing happens
        }
    }

    @Test
    void closeWaitsForARunningCallbackWithoutInterruptingIt() throws Exception {
        SlowEndpoint.reset();
        EmbeddedServer server = EmbeddedServer.builder().port(0).endpoints(SlowEndpoint.class)
                .shutdownTimeout(Duration.ofSeconds(20)).start();
        try (RawClient c = new RawClient(server.port())) {
            c.send(RawClient.upgrade("/slow", server.port()));
            assertTrue(c.readHead().startsWith("HTTP/1.1 101 "));
            c.send(RawClient.maskedFrame(0x1, "work".getBytes(StandardCharsets.UTF_8)));
            assertTrue(SlowEndpoint.started.await(15, TimeUnit.SECONDS));
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            assertEquals(1001, c.readFrame().closeCode(), "clients are told first");
            c.send(RawClient.maskedFrame(0x8, new byte[] {0x03, (byte) 0xE9}));
            // The callback is still blocked, so close() must still be waiting (a correct server
            // can never finish here; a server that does not wait would).
            assertThrows(TimeoutException.class, () -> closing.get(1, TimeUnit.SECONDS));
            assertTrue(!SlowEndpoint.FINISHED.get() && !SlowEndpoint.INTERRUPTED.get());
            SlowEndpoint.release.countDown();
            closing.get(30, TimeUnit.SECONDS);
            assertTrue(SlowEndpoint.FINISHED.get(), "close() returned before the callback ended");
            assertTrue(!SlowEndpoint.INTERRUPTED.get(), "the callback was interrupted");
        }
    }

    @Test
    void aSilentClientIsCutByTheHandshakeTimeout() throws Exception {
        try (EmbeddedServer server = builder().handshakeTimeout(Duration.ofSeconds(1)).start();
                RawClient silent = new RawClient(server.port(), SHORTER_THAN_DEFAULTS_MS)) {
            assertEquals(0, silent.readToEof().length);
        }
    }

    @Test
    void aHalfSentUpgradeIsCutByTheHandshakeTimeoutWhileAnIdleWebSocketSurvives()
            throws Exception {
        try (EmbeddedServer server = builder().handshakeTimeout(Duration.ofSeconds(1)).start();
                RawClient upgraded = new RawClient(server.port())) {
            upgraded.send(RawClient.upgrade("/ctx/a", server.port()));
            assertTrue(upgraded.readHead().startsWith("HTTP/1.1 101 "));
            upgraded.readFrame();
            // Two slow clients in a row, each connected after the WebSocket went idle: when the
            // second is cut, at least two deadline sweeps passed over the idle WebSocket.
            for (int i = 0; i < 2; i++) {
                try (RawClient slow = new RawClient(server.port(), SHORTER_THAN_DEFAULTS_MS)) {
                    String partial = "GET /ctx/a HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n";
                    slow.send(partial);
                    assertEquals(0, slow.readToEof().length);
                }
            }
            upgraded.send(RawClient.maskedFrame(0x1, "still here".getBytes(StandardCharsets.UTF_8)));
            assertEquals("still here", upgraded.readFrame().text());
            assertEquals(1, server.openConnections());
        }
    }

    @Test
    void anIdleWebSocketIsClosedAfterTheIdleTimeout() throws Exception {
        try (EmbeddedServer server = builder().idleTimeout(Duration.ofSeconds(1)).start();
                RawClient idle = new RawClient(server.port(), SHORTER_THAN_DEFAULTS_MS)) {
            idle.send(RawClient.upgrade("/ctx/a", server.port()));
            assertTrue(idle.readHead().startsWith("HTTP/1.1 101 "));
            boolean pinged = false;
            RawClient.Frame f;
            while ((f = idle.readFrame()).opcode() != 0x8) { // the greeting, and the ping
                pinged |= f.opcode() == 0x9;
            }
            assertTrue(pinged, "halfway, a ping (sendPings)");
            assertEquals(1000, f.closeCode(), "unanswered: closed at the timeout");
            assertEquals("idle timeout", new String(f.payload(), 2, f.payload().length - 2,
                    StandardCharsets.UTF_8));
        }
    }

    @Test
    void aClientThatAnswersPingsStaysOpenPastTheIdleTimeout() throws Exception {
        try (EmbeddedServer server = builder().idleTimeout(Duration.ofSeconds(1)).start();
                RawClient live = RawClient.greeted(server.port(), "/ctx/a", SHORTER_THAN_DEFAULTS_MS)) {
            for (int i = 0; i < 3; i++) { // three pings answered: alive for over 1.5 timeouts
                assertEquals(0x9, live.readFrame().opcode(), "ping " + i + ", not a close");
                live.send(RawClient.maskedFrame(0xA, new byte[0]));
            }
            live.send(RawClient.maskedFrame(0x1, "still here".getBytes(StandardCharsets.UTF_8)));
            assertEquals("still here", live.skipPings().text());
        }
    }

    @Test
    void aClientStuckInTheMiddleOfAFrameIsClosedByTheIdleTimeout() throws Exception {
        try (EmbeddedServer server = builder().idleTimeout(Duration.ofSeconds(1)).start();
                RawClient stuck = RawClient.greeted(server.port(), "/ctx/a", SHORTER_THAN_DEFAULTS_MS)) {
            byte[] frame = RawClient.maskedFrame(0x1, "half a message".getBytes(StandardCharsets.UTF_8));
            stuck.send(java.util.Arrays.copyOf(frame, 8));
            assertEquals(0x8, stuck.skipPings().opcode());
        }
    }

    @Test
    void whileClosingNewUpgradesGet503AndASecondCloseWaitsForTheFirst() throws Exception {
        SlowEndpoint.reset();
        EmbeddedServer server = EmbeddedServer.builder().port(0).endpoints(SlowEndpoint.class)
                .shutdownTimeout(Duration.ofSeconds(20)).start();
        int port = server.port();
        try (RawClient c = new RawClient(port)) {
            c.send(RawClient.upgrade("/slow", port));
            assertTrue(c.readHead().startsWith("HTTP/1.1 101 "));
            c.send(RawClient.maskedFrame(0x1, "work".getBytes(StandardCharsets.UTF_8)));
            assertTrue(SlowEndpoint.started.await(15, TimeUnit.SECONDS));
            CompletableFuture<Void> first = CompletableFuture.runAsync(server::close);
            assertEquals(1001, c.readFrame().closeCode());
            // The 1001 proves close() has begun: a new upgrade is now refused, not accepted.
            try (RawClient late = new RawClient(port)) {
                late.send(RawClient.upgrade("/slow", port));
                String head = late.readHead();
                assertTrue(head.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), head);
                assertEquals(List.of("5"), RawClient.headers(head).get("retry-after"));
                late.readToEof();
            }
            CompletableFuture<Void> second = CompletableFuture.runAsync(server::close);
            assertThrows(TimeoutException.class, () -> second.get(1, TimeUnit.SECONDS),
                    "the second close() returned while the first was still stopping the server");
            SlowEndpoint.release.countDown();
            second.get(30, TimeUnit.SECONDS);
            assertTrue(first.isDone() || first.get(30, TimeUnit.SECONDS) == null);
            try (Socket s = new Socket()) {
                assertThrows(ConnectException.class,
                        () -> s.connect(new InetSocketAddress("127.0.0.1", port), 5_000));
            }
        }
    }

    @Test
    void anInvalidAllowedOriginsAnnotationFailsAtStartNotAtTheFirstHandshake() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EmbeddedServer.builder().port(0).endpoints(BadOrigins.class).start());
        assertTrue(e.getMessage().startsWith("SWB-2005"), e.getMessage());
    }

    @Test
    void builderLimitsAreChecked() {
        EmbeddedServer.Builder b = EmbeddedServer.builder();
        assertThrows(IllegalArgumentException.class, () -> b.maxMessageSize(Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> b.maxMessageSize(10));
        assertThrows(IllegalArgumentException.class, () -> b.port(65536));
        assertThrows(IllegalArgumentException.class, () -> b.idleTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> b.allowedOrigins("app.example"));
        assertThrows(IllegalArgumentException.class, () -> b.allowedHosts("app.example:443"));
    }

    @io.github.switchboard.AllowedOrigins("app.example")
    @jakarta.websocket.server.ServerEndpoint(value = "/bad",
            configurator = io.github.switchboard.server.SwitchboardConfigurator.class)
    public static class BadOrigins {
    }

    @Test
    void aPlainHttpRequestIsNotAffectedByTheGate() throws IOException {
        try (EmbeddedServer server = builder().start(); RawClient c = new RawClient(server.port())) {
            c.send("GET /nothing HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertTrue(c.readHead().startsWith("HTTP/1.1 404 "));
        }
    }
}
