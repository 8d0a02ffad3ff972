package io.github.switchboard.demo;

import io.github.switchboard.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the server's time to the {@code clock} topic every few seconds: Bun's
 * {@code server.publish} from a timer, through {@link Topics}. Stops with the container.
 */
@ApplicationScoped
public class ServerClock {

    @Inject
    Topics topics;

    private ScheduledExecutorService timer;

    /** Starts ticking every {@code period}; a second call does nothing. */
    public synchronized void start(Duration period) {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-clock");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            try {
                topics.publish(ChatEndpoint.CLOCK, ChatJson.clock(Instant.now()));
            } catch (RuntimeException e) { // one failed tick must not end the timer
                System.getLogger(ServerClock.class.getName())
                        .log(System.Logger.Level.WARNING, "clock tick failed", e);
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
