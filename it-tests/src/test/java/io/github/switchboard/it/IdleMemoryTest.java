package io.github.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.internal.embedded.EmbeddedEngine;
import io.github.switchboard.server.EmbeddedServer;
import io.github.switchboard.Connection;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a connection keeps (DESIGN.md §5 "Idle memory"). After the 101 the embedded server's
 * reads skip Grizzly's HTTP codec, which then lets go of the upgrade request it parsed (~11 KB
 * per idle connection); frames still reach the endpoint and the gate's checks, and bytes that
 * look like HTTP are WebSocket bytes, never a second request. A closed connection is not kept
 * by its close deadline once its close is done.
 */
class IdleMemoryTest extends ContextServer {

    @BeforeEach
    void reset() {
        ContextEndpoint.reset();
    }

    /** The server's engine, for its test hook (the builder's server keeps it private). */
    private static EmbeddedEngine engine(EmbeddedServer server) throws Exception {
        Field f = EmbeddedServer.class.getDeclaredField("engine");
        f.setAccessible(true);
        return (EmbeddedEngine) f.get(server);
    }

    /** Polls {@code condition} until it holds; fails after 10 s (the release ends the read). */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(10); // polling server state; nothing to wait on
        }
    }

    @Test
    void anOpenConnectionHoldsNoHttpRequestAndItsFramesStillArrive() throws Exception {
        EmbeddedEngine engine = engine(server);
        try (RawClient client = RawClient.greeted(server.port(), "/ctx/a", RawClient.TIMEOUT_MS)) {
            await(() -> server.openConnections() == 1, "the connection is open");
            await(() -> engine.upgradeRequestsHeld() == 0,
                    "the upgrade request is released once the handshake read ended");
            String looksLikeHttp = "GET /ctx/a HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n\r\n";
            client.send(RawClient.maskedFrame(0x1, looksLikeHttp.getBytes(StandardCharsets.UTF_8)));
            assertEquals(looksLikeHttp, client.skipPings().text());
            client.send(RawClient.maskedFrame(0x1, "second".getBytes(StandardCharsets.UTF_8)));
            assertEquals("second", client.skipPings().text());
        }
        assertEquals(2, ContextEndpoint.MESSAGES.get());
    }

    @Test
    void anHttpRequestSentAfterTheUpgradeIsABadFrameNotASecondRequest() throws Exception {
        try (RawClient client = RawClient.greeted(server.port(), "/ctx/a", RawClient.TIMEOUT_MS)) {
            client.send("GET /ctx/b HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            RawClient.Frame close = client.skipPings();
            assertEquals(0x8, close.opcode(), "a close frame, not an HTTP response");
            assertEquals(1002, close.closeCode()); // 'E' has no mask bit: an unmasked frame
            client.readToEof();
        }
        assertEquals(0, ContextEndpoint.MESSAGES.get());
    }

    /** Keeps only weak references to its connections. */
    @Dependent
    @ServerEndpoint(value = "/held", configurator = SwitchboardConfigurator.class)
    public static class Held {
        static final java.util.List<WeakReference<Connection>> OPENED =
                java.util.Collections.synchronizedList(new java.util.ArrayList<>());

        @Inject
        Connection connection;

        @OnOpen
        public void open() {
            OPENED.add(new WeakReference<>(connection));
        }

        @OnMessage
        public String echo(String m) {
            return m;
        }
    }

    private static long reachable() {
        synchronized (Held.OPENED) {
            return Held.OPENED.stream().filter(r -> r.get() != null).count();
        }
    }

    @Test
    void connectionsClosedByTheClientAreNotKeptForTheCloseGrace() throws Exception {
        int n = 20;
        try (EmbeddedServer own = EmbeddedServer.builder().port(0).endpoints(Held.class).start()) {
            for (int i = 0; i < n; i++) {
                try (RawClient client = new RawClient(own.port())) {
                    client.send(RawClient.upgrade("/held", own.port()));
                    assertTrue(client.readHead().startsWith("HTTP/1.1 101 "));
                    client.send(RawClient.maskedFrame(0x1, "hi".getBytes(StandardCharsets.UTF_8)));
                    assertEquals("hi", client.skipPings().text());
                    client.send(RawClient.maskedFrame(0x8, new byte[] {0x03, (byte) 0xe8}));
                    assertEquals(1000, client.skipPings().closeCode());
                    client.readToEof();
                }
            }
            await(() -> own.openConnections() == 0, "the server saw every close");
            assertEquals(n, Held.OPENED.size());
            // The close deadline (10 s) used to hold every one; 5 s is well inside it. A
            // worker thread may still name the last connection it served: a few may stay.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (reachable() > 2) {
                assertTrue(System.nanoTime() < deadline, reachable() + " of " + n
                        + " closed connections are still reachable after 5 s");
                System.gc();
                Thread.sleep(50); // polling the collector; nothing to wait on
            }
        }
    }
}
