package io.github.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.PublishResult;
import io.github.switchboard.Topics;
import io.github.switchboard.server.EmbeddedServer;
import io.github.switchboard.server.Health;
import io.github.switchboard.testkit.Rejection;
import io.github.switchboard.testkit.TestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Graceful drain (issue 11 §4): spread closes with 1012, nothing published is lost, 503s. */
class DrainTest {

    private static final String PER_ADDRESS = "switchboard.max-connections-per-address";
    private String previousLimit;
    private EmbeddedServer server;

    @BeforeEach
    void start() {
        previousLimit = System.getProperty(PER_ADDRESS);
        System.setProperty(PER_ADDRESS, "5000"); // every client comes from 127.0.0.1
        server = EmbeddedServer.builder().port(0).endpoints(Expiring.class)
                .beanClasses(Expiring.ExpiryGuard.class).start();
    }

    @AfterEach
    void stop() {
        server.close();
        if (previousLimit == null) {
            System.clearProperty(PER_ADDRESS);
        } else {
            System.setProperty(PER_ADDRESS, previousLimit);
        }
    }

    @Test
    void aThousandConnectionsAreClosedWith1012SpreadOverTheDrain() throws Exception {
        int count = 1_000;
        int messages = 20;
        Duration over = Duration.ofSeconds(4);
        try (ManyClients many = ManyClients.connect(server.uri("/expiring"), count)) {
            Health before = server.health();
            assertTrue(before.ready() && before.live(), before.toString());
            assertEquals(count, before.openConnections());

            Topics topics = server.container().select(Topics.class).get();
            for (int i = 0; i < messages; i++) {
                PublishResult r = topics.publish("all", "msg " + i);
                assertEquals(count, r.recipients());
                assertEquals(0, r.dropped() + r.closed(), r.toString());
            }
            long start = System.nanoTime();
            CompletableFuture<Void> drain = CompletableFuture.runAsync(() -> server.drain(over));

            assertTrue(many.firstClosed.await(60, TimeUnit.SECONDS), "nothing was closed");
            Health draining = server.health();
            assertFalse(draining.ready(), draining.toString());
            assertTrue(draining.live(), draining.toString());
            assertEquals("draining", draining.detail());
            assertEquals(503, draining.readinessStatus());
            Rejection refused = TestClient.builder(server.uri("/expiring")).connectExpectingRejection();
            assertEquals(503, refused.status());
            assertEquals("4", refused.header("Retry-After").orElse("none"));

            many.awaitAllClosed();
            drain.get(60, TimeUnit.SECONDS);
            assertFalse(server.health().live(), "stopped after the drain");

            List<Long> closedAt = new ArrayList<>();
            for (ManyClients.Client c : many.clients) {
                assertEquals(1012, c.closeCode);
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < messages; i++) {
                    expected.add("msg " + i);
                }
                assertEquals(expected, c.texts.subList(1, c.texts.size()),
                        "every message published before the drain arrived before the close");
                closedAt.add(c.closedAtNanos - start);
            }
            closedAt.sort(null);
            long first = closedAt.get(0);
            long last = closedAt.get(closedAt.size() - 1);
            long spread = last - first;
            int buckets = 8;
            int[] perBucket = new int[buckets];
            for (long t : closedAt) {
                perBucket[(int) Math.min(buckets - 1, (t - first) * buckets / Math.max(1, spread))]++;
            }
            System.out.printf("drain of %d over %s: first close %d ms, last %d ms, spread %d ms "
                    + "(%.0f%% of the drain), per eighth %s%n", count, over, first / 1_000_000,
                    last / 1_000_000, spread / 1_000_000, 100.0 * spread / over.toNanos(),
                    java.util.Arrays.toString(perBucket));
            // The shape, with room for a machine that stalls for a while (a stall bunches the
            // closes that fell due during it): spread, never bunched into one second.
            assertTrue(spread >= over.toNanos() / 4, "closes spread over " + spread / 1_000_000
                    + " ms only, of a " + over.toMillis() + " ms drain");
            int populated = 0;
            for (int n : perBucket) {
                populated += n > 0 ? 1 : 0;
                assertTrue(n <= count * 6 / 10, "most closes in one eighth of the drain: "
                        + java.util.Arrays.toString(perBucket));
            }
            assertTrue(populated >= 5, "closes in only " + populated + " eighths of the drain: "
                    + java.util.Arrays.toString(perBucket));
        }
    }

    @Test
    void anEmptyServerDrainsAndStops() {
        server.drain(Duration.ofMillis(200));
        assertFalse(server.health().live());
        assertEquals("stopped", server.health().detail());
        server.drain(Duration.ofMillis(200)); // again: returns, nothing to do
    }

    @Test
    void aDrainNeedsAPositiveDuration() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> server.drain(Duration.ZERO));
        assertTrue(e.getMessage().contains("positive"), e.getMessage());
        assertTrue(server.health().ready(), "a refused drain changes nothing");
    }
}
