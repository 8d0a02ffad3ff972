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

    // Reached through methods only: callers hold a client proxy, whose own fields are not these.
    private final AtomicInteger endpointsCreated = new AtomicInteger();
    private final AtomicInteger endpointsDestroyed = new AtomicInteger();
    private final AtomicInteger visitsCreated = new AtomicInteger();
    private final AtomicInteger visitsDestroyed = new AtomicInteger();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final AtomicInteger floods = new AtomicInteger();
    private final AtomicInteger floodAccepted = new AtomicInteger();
    private final AtomicInteger floodDropped = new AtomicInteger();
    private final AtomicInteger floodClosed = new AtomicInteger();
    private final AtomicInteger lazyCreated = new AtomicInteger();
    private final AtomicInteger lazyDestroyed = new AtomicInteger();

    void endpointCreated() {
        endpointsCreated.incrementAndGet();
    }

    void endpointDestroyed() {
        endpointsDestroyed.incrementAndGet();
    }

    void visitCreated() {
        visitsCreated.incrementAndGet();
    }

    void visitDestroyed() {
        visitsDestroyed.incrementAndGet();
    }

    void lazyCreated() {
        lazyCreated.incrementAndGet();
    }

    void lazyDestroyed() {
        lazyDestroyed.incrementAndGet();
    }

    void opened(@Observes ConnectionOpened event) {
        opened.incrementAndGet();
    }

    void closed(@Observes ConnectionClosed event) {
        closed.incrementAndGet();
    }

    /** A flood finished: how many of its sends were accepted, dropped, refused as closed. */
    void flooded(int accepted, int dropped, int closedSends) {
        floodAccepted.addAndGet(accepted);
        floodDropped.addAndGet(dropped);
        floodClosed.addAndGet(closedSends);
        floods.incrementAndGet(); // last: a reader that sees it sees the counts
    }

    /** One line, {@code name=value} pairs separated by spaces. */
    public String describe() {
        return "endpointsCreated=" + endpointsCreated + " endpointsDestroyed=" + endpointsDestroyed
                + " visitsCreated=" + visitsCreated + " visitsDestroyed=" + visitsDestroyed
                + " opened=" + opened + " closed=" + closed + " floods=" + floods
                + " floodAccepted=" + floodAccepted + " floodDropped=" + floodDropped
                + " floodClosed=" + floodClosed + " lazyCreated=" + lazyCreated
                + " lazyDestroyed=" + lazyDestroyed;
    }
}
