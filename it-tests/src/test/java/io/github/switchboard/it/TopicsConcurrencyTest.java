package io.github.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.Connection;
import io.github.switchboard.Topics;
import io.github.switchboard.testkit.SwitchboardTest;
import io.github.switchboard.testkit.TestClient;
import io.github.switchboard.testkit.TestServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The subscription registry under concurrency: many threads subscribe, unsubscribe, publish and
 * close at once; afterwards both sides of the registry agree with a model, and no closed
 * connection is anywhere.
 */
@SwitchboardTest(endpoints = Rooms.class)
class TopicsConcurrencyTest {

    private static final int WORKERS = 8;
    private static final int CONNECTIONS_PER_WORKER = 5;
    private static final int OPERATIONS = 3_000;
    private static final List<String> TOPICS = List.of("a", "b", "c", "d", "e", "f");

    @Test
    void bothSidesOfTheRegistryMatchAModelAfterConcurrentChurn(TestServer server) throws Exception {
        Topics topics = server.embedded().container().select(Topics.class).get();
        List<TestClient> clients = new ArrayList<>();
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < WORKERS * CONNECTIONS_PER_WORKER; i++) {
                TestClient c = server.client("/rooms/f").connect();
                clients.add(c);
                String id = c.awaitText().substring("hello ".length());
                connections.add(topics.connection(id).orElseThrow());
            }
            ExecutorService pool = Executors.newFixedThreadPool(WORKERS + 2);
            AtomicBoolean churning = new AtomicBoolean(true);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Map<Connection, Set<String>>>> models = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                List<Connection> mine = connections.subList(w * CONNECTIONS_PER_WORKER,
                        (w + 1) * CONNECTIONS_PER_WORKER);
                long seed = w;
                models.add(pool.submit(() -> churn(topics, mine, new Random(seed), start)));
            }
            List<Future<?>> publishers = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                publishers.add(pool.submit(() -> {
                    start.await();
                    int n = 0;
                    while (churning.get()) {
                        topics.publish(TOPICS.get(n++ % TOPICS.size()), "m" + n);
                        connections.get(n % connections.size()).publish(TOPICS.get(n % TOPICS.size()),
                                "c" + n);
                    }
                    return null;
                }));
            }
            start.countDown();
            Map<Connection, Set<String>> model = new HashMap<>();
            for (Future<Map<Connection, Set<String>>> f : models) {
                model.putAll(f.get(120, TimeUnit.SECONDS));
            }
            churning.set(false);
            for (Future<?> f : publishers) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();

            for (Connection c : connections) {
                Set<String> expected = model.get(c);
                if (expected == null) { // closed by its worker
                    assertFalse(c.isOpen());
                    assertEquals(Set.of(), c.subscriptions(), "a closed connection has no topics");
                    assertFalse(c.subscribe("a"), "a closed connection cannot subscribe");
                } else {
                    assertEquals(expected, c.subscriptions(), "connection side");
                }
            }
            for (String t : TOPICS) {
                Set<Connection> expected = new HashSet<>();
                model.forEach((c, subscribed) -> {
                    if (subscribed.contains(t)) {
                        expected.add(c);
                    }
                });
                assertEquals(expected, topics.subscribers(t), "topic side of " + t);
                assertEquals(expected.size(), topics.subscriberCount(t));
                assertEquals(!expected.isEmpty(), topics.topics().contains(t));
            }
        } finally {
            clients.forEach(TestClient::close);
        }
    }

    /** One worker's connections: random operations, its own model; one in five ends closed. */
    private static Map<Connection, Set<String>> churn(Topics topics, List<Connection> mine,
            Random random, CountDownLatch start) throws InterruptedException {
        start.await();
        Map<Connection, Set<String>> model = new HashMap<>();
        mine.forEach(c -> model.put(c, new HashSet<>()));
        for (int i = 0; i < OPERATIONS; i++) {
            Connection c = mine.get(random.nextInt(mine.size()));
            if (!model.containsKey(c)) {
                continue;
            }
            String t = TOPICS.get(random.nextInt(TOPICS.size()));
            switch (random.nextInt(4)) {
                case 0 -> assertEquals(model.get(c).add(t), c.subscribe(t));
                case 1 -> assertEquals(model.get(c).add(t), topics.subscribe(c, t));
                case 2 -> assertEquals(model.get(c).remove(t), c.unsubscribe(t));
                default -> assertEquals(model.get(c).remove(t), topics.unsubscribe(c, t));
            }
        }
        Connection closing = mine.get(0);
        closing.close();
        model.remove(closing);
        assertTrue(closing.subscriptions().isEmpty());
        return model;
    }
}
