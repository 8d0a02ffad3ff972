package io.github.switchboard.docs.topics;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The scheduler {@link ClockPublisher} runs on: one daemon thread, created with the bean that
 * injects it and shut down with it. In a Jakarta EE server, inject a
 * {@code ManagedScheduledExecutorService} instead.
 */
@Dependent
public class Schedulers {

    /** The name of the scheduler's thread. */
    static final String THREAD = "clock-publisher";

    @Produces
    ScheduledExecutorService scheduler() {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, THREAD);
            thread.setDaemon(true);
            return thread;
        });
    }

    void shutdown(@Disposes ScheduledExecutorService scheduler) {
        scheduler.shutdownNow();
    }
}
