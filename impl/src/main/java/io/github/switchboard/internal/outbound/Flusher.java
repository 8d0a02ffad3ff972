package io.github.switchboard.internal.outbound;

import java.util.concurrent.ConcurrentLinkedQueue;
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

    private Flusher() {
        thread = new Thread(this::run, "switchboard-flusher");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void schedule(Outbound outbound) {
        ready.add(outbound);
        LockSupport.unpark(thread);
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
            LockSupport.park(this); // an unpark since the poll above returns at once
        }
    }
}
