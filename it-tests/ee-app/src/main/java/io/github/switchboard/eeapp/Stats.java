package io.github.switchboard.eeapp;

import io.github.switchboard.ConnectionClosed;
import io.github.switchboard.ConnectionOpened;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts what the black-box tests cannot see on the wire: endpoint instances and
 * {@code @ConnectionScoped} beans created and destroyed, lifecycle events fired. Read through
 * {@code GET /api/stats}. Thread-safe.
 */
@ApplicationScoped
public class Stats {

    final AtomicInteger endpointsCreated = new AtomicInteger();
    final AtomicInteger endpointsDestroyed = new AtomicInteger();
    final AtomicInteger visitsCreated = new AtomicInteger();
    final AtomicInteger visitsDestroyed = new AtomicInteger();
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();

    void opened(@Observes ConnectionOpened event) {
        opened.incrementAndGet();
    }

    void closed(@Observes ConnectionClosed event) {
        closed.incrementAndGet();
    }

    /** One line, {@code name=value} pairs separated by spaces. */
    public String describe() {
        return "endpointsCreated=" + endpointsCreated + " endpointsDestroyed=" + endpointsDestroyed
                + " visitsCreated=" + visitsCreated + " visitsDestroyed=" + visitsDestroyed
                + " opened=" + opened + " closed=" + closed;
    }
}
