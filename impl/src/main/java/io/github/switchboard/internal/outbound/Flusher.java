package io.github.switchboard.internal.outbound;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread that writes the first batch of each connection that was idle: an offer to an idle
 * connection hands it here (a hand-off per batch, never per message: a connection is handed once
 * until its flush runs), and whatever is offered to it, and to every other connection, while this
 * thread works goes out in the same writes. One daemon thread for the JVM; flushes never block
 * (the sink is asynchronous).
 *
 * <p>A lone message must not wait for a thread to wake (issue 6: low-rate p99 within 1 ms of raw
 * Tyrus). So when nothing was handed over for {@link #QUIET_NANOS} and the thread sleeps, the
 * hand-off is skipped and the offering thread writes the batch itself, as a plain
 * {@code sendText} would; the next offer within that spell is handed over as usual, so a burst
 * (and a fan-out to many connections) is still gathered by this thread.
 */
public final class Flusher implements Outbound.Scheduler {

    /** The one flusher. */
    public static final Flusher INSTANCE = new Flusher(System::nanoTime);

    /** Hand-offs further apart than this are a quiet spell: the offering thread writes. */
    static final long QUIET_NANOS = 1_000_000;

    private static final System.Logger LOG = System.getLogger(Flusher.class.getName());

    private final ConcurrentLinkedQueue<Outbound> ready = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    /**
     * The thread is parked or about to park: only then does {@link #schedule} unpark it, so a
     * busy flusher costs its schedulers a queue insert and no wake-up call (profiled: an unpark
     * per hand-off was a futex call each).
     */
    private final AtomicBoolean sleeping = new AtomicBoolean();

    private final LongSupplier clock;
    /** When the last offer was scheduled; racy reads and writes are harmless. */
    private volatile long lastSchedule;

    Flusher(LongSupplier clock) {
        this.clock = clock;
        this.lastSchedule = clock.getAsLong() - QUIET_NANOS - 1;
        thread = new Thread(this::run, "switchboard-flusher");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void schedule(Outbound outbound) {
        long now = clock.getAsLong();
        long last = lastSchedule;
        lastSchedule = now;
        if (now - last > QUIET_NANOS && sleeping.get() && ready.isEmpty()) {
            outbound.flush(); // a lone message: no hand-off, no wake-up to wait for
            return;
        }
        ready.add(outbound);
        if (sleeping.get() && sleeping.compareAndSet(true, false)) {
            LockSupport.unpark(thread);
        }
    }

    /** Whether the thread is parked or about to park (for tests). */
    boolean isSleeping() {
        return sleeping.get();
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
