package io.github.switchboard.docs.topics;

import static io.github.switchboard.testkit.SwitchboardAssertions.assertReceivedExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.server.EmbeddedServer;
import io.github.switchboard.testkit.SwitchboardTest;
import io.github.switchboard.testkit.TestClient;
import io.github.switchboard.testkit.TestServer;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Publishing from a scheduler: the tick is run by the test, never by the clock, so nothing
 * here depends on timing.
 */
@SwitchboardTest(endpoints = ChatRoom.class, beans = {ClockPublisher.class,
        ClockPublisherTest.ManualSchedulers.class})
class ClockPublisherTest {

    /** Runs nothing by itself: it keeps the periodic task for the test to run. */
    static final class ManualScheduler extends ScheduledThreadPoolExecutor {
        final List<Runnable> tasks = new CopyOnWriteArrayList<>();
        final List<Long> periodsMillis = new CopyOnWriteArrayList<>();

        ManualScheduler() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay,
                long period, TimeUnit unit) {
            tasks.add(task);
            periodsMillis.add(unit.toMillis(period));
            return super.schedule(() -> { }, 365, TimeUnit.DAYS); // a future that never fires
        }

        /** One period passes. */
        void tick() {
            tasks.forEach(Runnable::run);
        }
    }

    /** Replaces {@link Schedulers} in this test; a singleton, so the test reaches the scheduler. */
    @Singleton
    static class ManualSchedulers {
        final ManualScheduler scheduler = new ManualScheduler();

        @Produces
        ScheduledExecutorService scheduler() {
            return scheduler;
        }

        void shutdown(@Disposes ScheduledExecutorService scheduler) {
            scheduler.shutdownNow();
        }
    }

    private static ManualScheduler scheduler(TestServer server) {
        return server.embedded().container().select(ManualSchedulers.class).get().scheduler;
    }

    @Test
    void theTaskIsScheduledOnceASecondWhenTheApplicationStarts(TestServer server) {
        assertEquals(List.of(1000L), scheduler(server).periodsMillis);
    }

    @Test
    void everyConnectionHearsEachTick(TestServer server) {
        try (TestClient ada = server.client("/chat/lounge?name=ada").connect()) {
            assertReceivedExactly(ada, "welcome, ada; 1 here");
            try (TestClient bob = server.client("/chat/lounge?name=bob").connect()) {
                assertReceivedExactly(bob, "welcome, bob; 2 here");
                assertReceivedExactly(ada, "bob joined; 2 here");
                // ConnectionOpened (which subscribes to the clock) has been handled before a
                // connection's first message is read: these two messages prove both
                // subscriptions.
                ada.send("hi");
                assertReceivedExactly(bob, "ada: hi");
                bob.send("hello");
                assertReceivedExactly(ada, "bob: hello");

                scheduler(server).tick();

                for (TestClient client : List.of(ada, bob)) {
                    String time = client.awaitText();
                    assertTrue(time.startsWith("time "), time);
                    assertNotNull(Instant.parse(time.substring("time ".length())));
                }
            }
        }
    }

    @Test
    void theSchedulerThreadEndsWithTheServer() throws InterruptedException {
        EmbeddedServer server = EmbeddedServer.builder().port(0).endpoints(ChatRoom.class)
                .beanClasses(ClockPublisher.class, Schedulers.class).start();
        Thread thread;
        try {
            thread = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals(Schedulers.THREAD)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + Schedulers.THREAD + " thread"));
            assertTrue(thread.isAlive());
        } finally {
            server.close();   // destroys ClockPublisher, and with it the scheduler
        }
        thread.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(thread.isAlive(), "the scheduler was shut down with the application");
    }
}
