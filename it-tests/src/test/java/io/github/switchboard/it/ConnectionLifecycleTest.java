package io.github.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.internal.cdi.ConnectionServices;
import io.github.switchboard.server.EmbeddedServer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A connection's endpoint and {@code @ConnectionScoped} beans are destroyed exactly once, after
 * its last callback, however the connection ends: client close, server close, idle timeout, TCP
 * reset, and a close from another thread while a slow {@code @OnMessage} still runs.
 */
class ConnectionLifecycleTest {

    private static final int PER_MODE = 200;
    private static final int SLOW = 100;

    @Test
    void everyConnectionIsDestroyedExactlyOnceHoweverItEnds() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.builder().port(0)
                .idleTimeout(Duration.ofSeconds(1))
                .endpoints(Lifecycle.Endpoint.class).beanClasses(Lifecycle.Scoped.class)
                .start()) {
            int port = server.port();
            ExecutorService pool = Executors.newFixedThreadPool(64);
            List<Future<?>> work = new ArrayList<>();
            try {
                for (int i = 0; i < PER_MODE; i++) {
                    work.add(pool.submit(() -> clientCloses(port)));
                    work.add(pool.submit(() -> serverCloses(port)));
                    work.add(pool.submit(() -> idles(port)));
                    work.add(pool.submit(() -> resets(port)));
                }
                for (Future<?> f : work) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            for (int i = 0; i < SLOW; i++) {
                closedWhileSlow(port, "s" + i);
            }
            int total = 4 * PER_MODE + SLOW;
            assertTrue(Lifecycle.ENDPOINT_DESTROYED.tryAcquire(total, 60, TimeUnit.SECONDS),
                    "endpoints destroyed: " + Lifecycle.ENDPOINT_DESTROYED.availablePermits());
            assertTrue(Lifecycle.SCOPED_DESTROYED.tryAcquire(total, 60, TimeUnit.SECONDS),
                    "scoped beans destroyed: " + Lifecycle.SCOPED_DESTROYED.availablePermits());
            assertEquals(total, Lifecycle.ENDPOINTS.get());
            assertEquals(total, Lifecycle.SCOPED.get());
            assertEquals(total, Lifecycle.ON_CLOSE.get());
            assertEquals(List.of(), List.copyOf(Lifecycle.VIOLATIONS));
            assertEquals(0, ConnectionServices.endpoints().size(), "no endpoint left bound");
            assertEquals(0, Lifecycle.ENDPOINT_DESTROYED.availablePermits(), "nothing destroyed twice");
        }
    }

    private static RawClient open(int port) throws Exception {
        RawClient c = new RawClient(port);
        c.send(RawClient.upgrade("/life", port));
        String head = c.readHead();
        assertTrue(head.startsWith("HTTP/1.1 101 "), head);
        assertEquals("hi", c.skipPings().text()); // on a loaded machine a keep-alive ping may come first
        return c;
    }

    private static Void clientCloses(int port) throws Exception {
        try (RawClient c = open(port)) {
            // Several messages back to back: reads of one connection can overlap.
            for (int i = 0; i < 5; i++) {
                c.send(RawClient.maskedFrame(1, ("m" + i).getBytes(StandardCharsets.UTF_8)));
            }
            c.send(RawClient.maskedFrame(8, ByteBuffer.allocate(2).putShort((short) 1000).array()));
            assertEquals(8, c.skipPings().opcode());
        }
        return null;
    }

    private static Void serverCloses(int port) throws Exception {
        try (RawClient c = open(port)) {
            c.send(RawClient.maskedFrame(1, "server-close".getBytes(StandardCharsets.UTF_8)));
            assertEquals(8, c.skipPings().opcode());
        }
        return null;
    }

    private static Void idles(int port) throws Exception {
        try (RawClient c = open(port)) {
            assertEquals(8, c.skipPings().opcode(), "the idle timeout closes the connection");
        }
        return null;
    }

    private static Void resets(int port) throws Exception {
        open(port).reset();
        return null;
    }

    /** Tyrus runs @OnClose on this thread while @OnMessage still runs on a worker. */
    private static void closedWhileSlow(int port, String id) throws Exception {
        try (RawClient c = open(port)) {
            CountDownLatch release = Lifecycle.RELEASE.computeIfAbsent(id, k -> new CountDownLatch(1));
            c.send(RawClient.maskedFrame(1, ("slow " + id).getBytes(StandardCharsets.UTF_8)));
            assertTrue(Lifecycle.SLOW_ENTERED.tryAcquire(30, TimeUnit.SECONDS));
            Lifecycle.Endpoint endpoint = Lifecycle.SLOW.get(id);
            endpoint.connection.close(1001, "from elsewhere");
            assertEquals(8, c.skipPings().opcode());
            assertFalse(endpoint.destroyed.get(), "destroyed while its @OnMessage still runs");
            release.countDown();
        }
    }

    /**
     * The idle timeout closes an endpoint that has neither @OnOpen nor received a message: its
     * instance is first needed by that close, on the idle sweep's thread, which names the
     * connection, so @OnClose and @PreDestroy run.
     */
    @Test
    void anEndpointFirstNeededByTheIdleTimerStillGetsItsCloseAndPreDestroy() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.builder().port(0)
                .idleTimeout(Duration.ofMillis(500)).endpoints(Lifecycle.Lazy.class).start()) {
            try (RawClient c = new RawClient(server.port())) {
                c.send(RawClient.upgrade("/lazy", server.port()));
                assertTrue(c.readHead().startsWith("HTTP/1.1 101 "));
                assertEquals(8, c.skipPings().opcode(), "the idle timer closes it");
            }
            assertTrue(Lifecycle.LAZY_CLOSED.tryAcquire(30, TimeUnit.SECONDS), "@OnClose ran");
            assertTrue(Lifecycle.LAZY_DESTROYED.tryAcquire(30, TimeUnit.SECONDS), "@PreDestroy ran");
            assertEquals(0, ConnectionServices.endpoints().size(), "no endpoint left bound");
        }
    }
}
