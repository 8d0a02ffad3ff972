package io.github.switchboard.docs.topics;

import io.github.switchboard.ConnectionOpened;
import io.github.switchboard.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the time to every connection once a second, from a thread of its own: Bun's
 * {@code setInterval(() => server.publish(...))}. Starts with the application and stops with it.
 */
@ApplicationScoped
public class ClockPublisher {

    public static final String TOPIC = "clock";
    private static final System.Logger LOG = System.getLogger(ClockPublisher.class.getName());

    @Inject
    Topics topics;

    @Inject
    ScheduledExecutorService scheduler;   // shut down when this bean is destroyed

    /** CDI fires this event once the application has started. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        scheduler.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** Every connection of the application hears the clock, whatever its endpoint. */
    void subscribe(@Observes ConnectionOpened opened) {
        topics.subscribe(opened.connection(), TOPIC);
    }

    /** One tick; the scheduler calls it every second. */
    void tick() {
        try {
            if (topics.subscriberCount(TOPIC) > 0) {   // nobody listens: skip the work
                topics.publish(TOPIC, "time " + Instant.now());
            }
        } catch (RuntimeException e) {
            // scheduleAtFixedRate never runs a task again once it has thrown: log, go on.
            LOG.log(Level.WARNING, "publishing the time failed", e);
        }
    }
}
