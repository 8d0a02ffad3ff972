package io.github.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.TopicBus;
import io.github.switchboard.Topics;
import io.github.switchboard.server.EmbeddedServer;
import io.github.switchboard.server.Health;
import io.github.switchboard.testkit.TestClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Readiness follows a configured topic bus (issue 11 §3), with a fake bus: no Redis needed. */
class BusHealthTest {

    /** A bus that is up or down when told, and counts what it is given. Thread-safe. */
    static final class SwitchedBus implements TopicBus {
        final AtomicBoolean connected = new AtomicBoolean(true);
        final AtomicBoolean failingStats = new AtomicBoolean();
        final AtomicBoolean closed = new AtomicBoolean();
        final AtomicLong published = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();

        @Override
        public void start(Node node) {
        }

        @Override
        public void interestChanged(String topic) {
        }

        @Override
        public void publish(Envelope envelope) {
            (connected.get() ? published : dropped).incrementAndGet();
        }

        @Override
        public CompletionStage<Long> clusterSubscriberCount(String topic) {
            return CompletableFuture.failedFuture(new IllegalStateException("not clustered"));
        }

        @Override
        public Stats stats() {
            if (failingStats.get()) {
                throw new IllegalStateException("a broken bus");
            }
            return new Stats(published.get(), dropped.get(), 0, 0, connected.get());
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private static EmbeddedServer start(TopicBus bus) {
        return EmbeddedServer.builder().port(0).endpoints(Rooms.class).bus(bus).start();
    }

    @Test
    void readinessIsDownWhileTheBusIsDownAndUpAgainWhenItReconnects() throws Exception {
        SwitchedBus bus = new SwitchedBus();
        try (EmbeddedServer server = start(bus)) {
            Health up = server.health();
            assertTrue(up.ready(), up.toString());
            assertEquals("ok", up.detail());

            bus.connected.set(false);
            Health down = server.health();
            assertFalse(down.ready(), down.toString());
            assertTrue(down.live(), "a bus outage is no reason to restart the process");
            assertEquals("bus-down", down.detail());
            assertEquals(503, down.readinessStatus());
            assertEquals(200, down.livenessStatus());
            assertTrue(down.toJson().contains("\"status\":\"DOWN\""), down.toJson());
            assertTrue(down.toJson().contains("\"detail\":\"bus-down\""), down.toJson());

            // Not ready is advice to the balancer: the server still serves, publishes stay local.
            try (TestClient c = TestClient.builder(server.uri("/rooms/x")).connect()) {
                assertTrue(c.awaitText().startsWith("hello "), "the greeting: upgraded");
                c.send("sub news");
                assertEquals("sub news true", c.awaitText());
                assertEquals(1, server.container().select(Topics.class).get()
                        .publish("news", "local").recipients());
                assertEquals(1, bus.dropped.get(), "the bus was given the publish and dropped it");
                assertEquals("local", c.awaitText());
            }

            bus.connected.set(true);
            Health again = server.health();
            assertTrue(again.ready(), again.toString());
            assertEquals("ok", again.detail());
        }
        assertTrue(bus.closed.get());
    }

    @Test
    void aBusWhoseStatsThrowIsDown() {
        SwitchedBus bus = new SwitchedBus();
        try (EmbeddedServer server = start(bus)) {
            bus.failingStats.set(true);
            Health h = server.health();
            assertFalse(h.ready(), h.toString());
            assertEquals("bus-down", h.detail());
        }
    }

    @Test
    void theServersOwnStateWinsOverTheBus() {
        SwitchedBus bus = new SwitchedBus();
        EmbeddedServer server = start(bus);
        bus.connected.set(false);
        server.close();
        Health h = server.health();
        assertFalse(h.live());
        assertEquals("stopped", h.detail());
    }

    @Test
    void withoutABusReadinessIgnoresIt() {
        try (EmbeddedServer server = EmbeddedServer.builder().port(0).endpoints(Rooms.class)
                .start()) {
            assertTrue(server.bus().isEmpty());
            assertTrue(server.health().ready());
            assertEquals("ok", server.health().detail());
        }
    }
}
