package io.github.switchboard.docs.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.switchboard.Connection;
import io.github.switchboard.TopicBus;
import io.github.switchboard.Topics;
import io.github.switchboard.docs.GuideSnippets;
import io.github.switchboard.server.EmbeddedServer;
import io.github.switchboard.testkit.SwitchboardTest;
import io.github.switchboard.testkit.TestClient;
import io.github.switchboard.testkit.TestServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

/** The operations guide: its examples, and the meters, checks, drain and refresh it describes. */
@SwitchboardTest(endpoints = LiveFeed.class,
        beans = {Tokens.class, TokenGuard.class, TenantTopics.class, Registry.class})
class OperationsGuideTest {

    @Test
    void theGuideMatchesItsExamples() throws Exception {
        GuideSnippets.assertMatchesItsSources("operations.md", 4);
    }

    static String token(String user, String tenant, Instant expiresAt) {
        return user + "." + tenant + "." + expiresAt.getEpochSecond();
    }

    private static TestClient connect(TestServer server, String token) {
        return server.client("/feed").header("Authorization", "Bearer " + token).connect();
    }

    private static double count(MeterRegistry r, String name, String... tags) {
        Counter c = r.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    private static double gauge(MeterRegistry r, String name) {
        Gauge g = r.find(name).gauge();
        return g == null ? -1 : g.value();
    }

    /** Waits, at most 10 s, for something the server does after the client saw its answer. */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "still not true after 10 s: " + what);
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    @Test
    void theMetersMoveWithTraffic(TestServer server) throws Exception {
        MeterRegistry r = server.embedded().container().select(MeterRegistry.class).get();
        double accepted = count(r, "switchboard.handshakes", "outcome", "accepted", "status", "101");
        double rejected = count(r, "switchboard.handshakes", "outcome", "rejected", "status", "401");
        double opened = count(r, "switchboard.connections.opened");
        double denied = count(r, "switchboard.denied", "action", "subscribe");
        double published = count(r, "switchboard.publishes", "origin", "connection");
        double in = count(r, "switchboard.messages", "direction", "in");
        double bytesIn = count(r, "switchboard.bytes", "direction", "in");
        double out = count(r, "switchboard.messages", "direction", "out");
        double delivered = count(r, "switchboard.deliveries", "result", "written")
                + count(r, "switchboard.deliveries", "result", "queued");
        double closed1000 = count(r, "switchboard.closes", "code", "1000");

        String token = token("ann", "acme", Instant.now().plusSeconds(3600));
        TestClient.builder(server.uri("/feed")).connectExpectingRejection(); // no token: 401
        try (TestClient ann = connect(server, token); TestClient bob = connect(server, token)) {
            ann.send("sub tenant:acme:room-1");
            assertEquals("sub true", ann.awaitText());
            bob.send("sub tenant:globex:room-1");
            assertEquals("sub false", bob.awaitText());
            bob.send("pub tenant:acme:room-1 hello");
            assertEquals("pub 1", bob.awaitText());
            assertEquals("hello", ann.awaitText());
            assertEquals(2, gauge(r, "switchboard.connections.open"));
            assertTrue(gauge(r, "switchboard.outbound.buffered") >= 0);
        }
        await(() -> count(r, "switchboard.closes", "code", "1000") == closed1000 + 2,
                "two closes with 1000 counted");
        assertEquals(accepted + 2,
                count(r, "switchboard.handshakes", "outcome", "accepted", "status", "101"));
        assertEquals(rejected + 1,
                count(r, "switchboard.handshakes", "outcome", "rejected", "status", "401"));
        assertTrue(r.find("switchboard.handshake.duration").timers().stream()
                .mapToLong(io.micrometer.core.instrument.Timer::count).sum() >= 3);
        assertEquals(opened + 2, count(r, "switchboard.connections.opened"));
        assertEquals(denied + 1, count(r, "switchboard.denied", "action", "subscribe"));
        assertEquals(published + 1, count(r, "switchboard.publishes", "origin", "connection"));
        assertEquals(in + 3, count(r, "switchboard.messages", "direction", "in"));
        assertEquals(bytesIn + "sub tenant:acme:room-1sub tenant:globex:room-1pub tenant:acme:room-1 hello"
                .length(), count(r, "switchboard.bytes", "direction", "in"));
        assertEquals(out + 4, count(r, "switchboard.messages", "direction", "out"),
                "three answers and one delivery");
        assertEquals(delivered + 1, count(r, "switchboard.deliveries", "result", "written")
                + count(r, "switchboard.deliveries", "result", "queued"));
        assertEquals(0, gauge(r, "switchboard.connections.open"));
        for (var meter : r.getMeters()) { // bounded cardinality: no id, no topic in any tag
            meter.getId().getTags().forEach(t -> assertTrue(!t.getValue().contains("acme")
                    && t.getValue().length() <= 10, meter.getId().toString()));
        }
    }

    @Test
    void aRefreshedTokenKeepsTheConnectionAndAnExpiredOneClosesIt(TestServer server) {
        Instant soon = Instant.now().plusSeconds(2);
        try (TestClient kept = connect(server, token("ann", "acme", soon));
                TestClient sentinel = connect(server, token("bob", "acme", soon))) {
            kept.send("refresh " + token("ann", "globex", Instant.now().plusSeconds(3600)));
            assertEquals("invalid token", kept.awaitText(), "another tenant's token");
            kept.send("refresh " + token("ann", "acme", Instant.now().plusSeconds(3600)));
            assertEquals("refreshed", kept.awaitText());
            assumeTrue(Instant.now().isBefore(soon), "the machine was too slow to refresh in time");
            assertEquals(Connection.CREDENTIALS_EXPIRED, sentinel.awaitClose().code());
            kept.send("sub tenant:acme:room-2");
            assertEquals("sub true", kept.awaitText(), "still open after the old expiry");
        }
    }

    /** A client that answers the server's close frame only when told: the server waits for it. */
    private static final class HeldClose implements WebSocket.Listener {
        final CountDownLatch closeFrame = new CountDownLatch(1);
        final CompletableFuture<Void> answer = new CompletableFuture<>();
        volatile int code;

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            code = statusCode;
            closeFrame.countDown();
            return answer;
        }
    }

    @Test
    void theChecksReportNotReadyWhileTheServerDrains() throws Exception {
        EmbeddedServer server = EmbeddedServer.builder().port(0).endpoints(LiveFeed.class)
                .beanClasses(Tokens.class, TokenGuard.class, TenantTopics.class)
                .shutdownTimeout(Duration.ofSeconds(30)).start();
        CompletableFuture<Void> drain = null;
        HeldClose client = new HeldClose();
        try {
            var container = server.container();
            HealthCheck readiness = container.select(HealthCheck.class, Readiness.Literal.INSTANCE).get();
            HealthCheck liveness = container.select(HealthCheck.class, Liveness.Literal.INSTANCE).get();
            assertEquals(HealthCheckResponse.Status.UP, readiness.call().getStatus());

            HttpClient http = HttpClient.newHttpClient();
            http.newWebSocketBuilder()
                    .header("Authorization", "Bearer " + token("ann", "acme",
                            Instant.now().plusSeconds(3600)))
                    .buildAsync(server.uri("/feed"), client).get(10, TimeUnit.SECONDS);
            drain = CompletableFuture.runAsync(() -> server.drain(Duration.ofMillis(100)));
            assertTrue(client.closeFrame.await(10, TimeUnit.SECONDS));
            assertEquals(1012, client.code);
            // The server waits for the client's answer: it is draining, alive and not ready.
            assertEquals(HealthCheckResponse.Status.DOWN, readiness.call().getStatus());
            assertEquals(HealthCheckResponse.Status.UP, liveness.call().getStatus());
            assertEquals(503, server.health().readinessStatus());
            assertTrue(server.health().toJson().contains("\"status\":\"DOWN\""));
        } finally {
            client.answer.complete(null);
            if (drain != null) {
                drain.get(60, TimeUnit.SECONDS);
            }
            server.close();
        }
        assertEquals(503, server.health().livenessStatus(), "stopped");
    }

    /** A bus that is up or down when told; it drops what it is given while down. Thread-safe. */
    private static final class SwitchedBus implements TopicBus {
        final AtomicBoolean connected = new AtomicBoolean(true);
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
            return new Stats(published.get(), dropped.get(), 7, 2, connected.get());
        }

        @Override
        public void close() {
        }
    }

    /** The registry itself, not a client proxy: it can be read after the container stopped. */
    public static class PlainRegistry {
        static final MeterRegistry REGISTRY = new SimpleMeterRegistry();

        @Produces
        @Singleton
        MeterRegistry registry() {
            return REGISTRY;
        }
    }

    private static double function(MeterRegistry r, String name, String... tags) {
        FunctionCounter c = r.find(name).tags(tags).functionCounter();
        return c == null ? -1 : c.count();
    }

    @Test
    void theBusIsMeteredAndItsOutageMakesTheServerNotReady() throws Exception {
        SwitchedBus bus = new SwitchedBus();
        EmbeddedServer server = EmbeddedServer.builder().port(0).endpoints(LiveFeed.class)
                .beanClasses(Tokens.class, TokenGuard.class, TenantTopics.class,
                        PlainRegistry.class)
                .bus(bus).start();
        MeterRegistry r = PlainRegistry.REGISTRY;
        try {
            var container = server.container();
            HealthCheck readiness = container.select(HealthCheck.class, Readiness.Literal.INSTANCE).get();
            HealthCheck liveness = container.select(HealthCheck.class, Liveness.Literal.INSTANCE).get();
            Topics topics = container.select(Topics.class).get();

            topics.publish("tenant:acme:news", "one");
            topics.publish("tenant:acme:news", "two");
            assertEquals(2, function(r, "switchboard.bus.publishes", "result", "sent"));
            assertEquals(0, function(r, "switchboard.bus.publishes", "result", "dropped"));
            assertEquals(7, function(r, "switchboard.bus.received", "result", "delivered"));
            assertEquals(2, function(r, "switchboard.bus.received", "result", "malformed"));
            assertEquals(1, gauge(r, "switchboard.bus.connected"));
            assertEquals(HealthCheckResponse.Status.UP, readiness.call().getStatus());

            bus.connected.set(false);
            topics.publish("tenant:acme:news", "three");
            assertEquals(2, function(r, "switchboard.bus.publishes", "result", "sent"));
            assertEquals(1, function(r, "switchboard.bus.publishes", "result", "dropped"));
            assertEquals(0, gauge(r, "switchboard.bus.connected"));
            HealthCheckResponse down = readiness.call();
            assertEquals(HealthCheckResponse.Status.DOWN, down.getStatus());
            assertEquals("bus-down", down.getData().orElseThrow().get("detail"));
            assertEquals(HealthCheckResponse.Status.UP, liveness.call().getStatus());
            assertEquals(503, server.health().readinessStatus());

            bus.connected.set(true);
            assertEquals(HealthCheckResponse.Status.UP, readiness.call().getStatus());
            assertEquals(200, server.health().readinessStatus());

            // Every meter Switchboard registered has its row in the guide's table.
            String guide = Files.readString(Path.of("operations.md"));
            r.getMeters().stream().map(m -> m.getId().getName())
                    .filter(n -> n.startsWith("switchboard.")).distinct()
                    .forEach(n -> assertTrue(guide.contains("| `" + n + "` |"),
                            n + " has no row in the operations guide's metrics table"));
            for (var meter : r.find("switchboard.bus.publishes").meters()) {
                meter.getId().getTags().forEach(t -> assertTrue(!t.getValue().contains("acme"),
                        meter.getId().toString()));
            }
        } finally {
            server.close();
        }
        assertTrue(r.find("switchboard.bus.publishes").meters().isEmpty(),
                "the bus meters leave the registry with the server");
        assertTrue(r.find("switchboard.bus.connected").meters().isEmpty());
    }
}
