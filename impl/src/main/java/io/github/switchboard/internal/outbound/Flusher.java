package io.github.switchboard.internal.outbound;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread that writes the first batch of each connection that was idle: an offer to an idle
 * connection hands it here (a hand-off per batch, never per message: a connection is handed once
 * until its flush runs), and whatever is offered to it, and to every other connection, while this
 * thread works goes out in the same writes. At low load the thread is parked and wakes at once.
 * One daemon thread for the JVM; flushes never block (the sink is asynchronous).
 */
public final class Flusher implements Outbound.Scheduler {

    /** The one flusher. */
    public static final Flusher INSTANCE = new Flusher();

    private static final System.Logger LOG = System.getLogger(Flusher.class.getName());

    private final ConcurrentLinkedQueue<Outbound> ready = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    /**
     * The thread is parked or about to park: only then does {@link #schedule} unpark it, so a
     * busy flusher costs its schedulers a queue insert and no wake-up call (profiled: an unpark
     * per hand-off was a futex call each).
     */
    private final AtomicBoolean sleeping = new AtomicBoolean();

    private Flusher() {
        thread = new Thread(this::run, "switchboard-flusher");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void schedule(Outbound outbound) {
        ready.add(outbound);
        if (sleeping.get() && sleeping.compareAndSet(true, false)) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        while (true) {
            Outbound o;
            while ((o = ready.poll()) != null) {
                try {
                    o.flush();
                } catch (RuntimeException | Error e) {
                    LOG.log(System.Logger.Level.WARNING, "SWB-1114 a flush failed", e);
                }
            }
            sleeping.set(true);
            if (ready.isEmpty()) {
                // A schedule after the check above finds sleeping set and unparks; one before
                // it is seen by the check. A spurious return just loops.
                LockSupport.park(this);
            }
            sleeping.set(false);
        }
    }
}
