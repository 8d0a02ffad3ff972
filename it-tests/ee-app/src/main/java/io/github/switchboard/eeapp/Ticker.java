package io.github.switchboard.eeapp;

import io.github.switchboard.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server publish from a scheduled task, outside any request or connection: every 100 ms,
 * while {@code room/ticker} has subscribers, publishes {@code tick <n>}. It runs on the
 * application's own daemon thread, the same on every runtime: GlassFish 7.0.25 embedded fails
 * every task of its default {@code ManagedScheduledExecutorService} (a
 * {@code NullPointerException} in its context set-up, seen in the tests' log), and the
 * embedded server has no Jakarta Concurrency.
 */
@ApplicationScoped
public class Ticker {

    static final String TOPIC = "room/ticker";

    @Inject
    Topics topics;

    private final AtomicLong ticks = new AtomicLong();
    private ScheduledExecutorService executor;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ee-app-ticker");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleAtFixedRate(this::tick, 100, 100, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            if (topics.subscriberCount(TOPIC) > 0) {
                topics.publish(TOPIC, "tick " + ticks.incrementAndGet());
            }
        } catch (RuntimeException e) {
            // A failed tick must not end the schedule (scheduleAtFixedRate stops on a throw).
            java.util.logging.Logger.getLogger(Ticker.class.getName())
                    .log(java.util.logging.Level.WARNING, "tick failed", e);
        }
    }

    @PreDestroy
    void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
