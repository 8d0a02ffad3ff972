package io.github.switchboard.internal.cdi;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * One hashed timer wheel for the credential expiry of every connection (issue 11 §2): a ring of
 * {@value #SLOTS} buckets, one per {@value #TICK_MILLIS} ms tick, each a doubly linked list of
 * entries; an entry further away than one turn of the ring waits in its bucket for later turns.
 * Scheduling, moving and cancelling are O(1) under one lock; each tick looks at one bucket only.
 * A connection owns at most one entry, which {@link #reschedule} moves.
 *
 * <p>One daemon thread ({@code switchboard-expiry}) turns the wheel while any entry is pending
 * and for {@value #LINGER_TICKS} ticks after the last one went, then ends; the next
 * {@link #schedule} starts a new one. So the wheel costs one wake-up per tick while connections
 * with expiries exist (measured: no CPU time to speak of with 10,000 of them; DESIGN.md §4), and
 * nothing at all, not even a thread, otherwise. Due targets are called on that thread, outside
 * the lock, one after the other: thousands expiring at once delay each other's close frames, never
 * another connection's reads or writes.
 *
 * <p>Ticks follow the monotonic clock; a target is asked again for its expiry (wall-clock epoch
 * milliseconds) when its tick comes, and put back if it moved or the wall clock lags.
 *
 * <p>Thread-safe: every field of the wheel and of its entries is guarded by the wheel's lock.
 */
public final class ExpiryWheel {

    /** What an entry stands for: a connection with an expiry. */
    public interface Target {
        /** The wall-clock epoch milliseconds of the expiry now; {@link Long#MAX_VALUE}: none. */
        long expiresAtMillis();

        /** The expiry has come: called once per due entry, on the wheel's thread. */
        void expire();
    }

    /** A scheduled expiry; the {@link Target} keeps it to move or cancel it. */
    public static final class Entry {
        private final Target target;
        private Entry prev;
        private Entry next;
        private long tick = -1; // -1: not in a bucket
        private int slot;

        private Entry(Target target) {
            this.target = target;
        }
    }

    static final int SLOTS = 512;
    static final long TICK_MILLIS = 100;
    static final int LINGER_TICKS = 50;
    private static final System.Logger LOG = System.getLogger(ExpiryWheel.class.getName());

    /** The wheel of every connection of this class loader. */
    static final ExpiryWheel INSTANCE = new ExpiryWheel(System::nanoTime,
            System::currentTimeMillis, true);

    private final LongSupplier nanos;
    private final LongSupplier millis;
    private final boolean threaded;
    private final long base;
    private final Entry[] heads = new Entry[SLOTS];
    private long processed; // the last tick whose bucket was handled
    private int pending;
    private boolean running;

    /**
     * @param nanos    the monotonic clock ticks follow
     * @param millis   the wall clock expiries are given in
     * @param threaded whether a thread of its own turns the wheel (false: the caller of
     *                 {@link #advance}, for deterministic tests)
     */
    ExpiryWheel(LongSupplier nanos, LongSupplier millis, boolean threaded) {
        this.nanos = nanos;
        this.millis = millis;
        this.threaded = threaded;
        this.base = nanos.getAsLong();
    }

    /** A new entry for {@code target}, due at {@code atMillis} (wall-clock epoch ms). */
    public Entry schedule(Target target, long atMillis) {
        Entry e = new Entry(target);
        reschedule(e, atMillis);
        return e;
    }

    /** Moves {@code e} to {@code atMillis}, putting it back if it had fired or was cancelled. */
    public void reschedule(Entry e, long atMillis) {
        long delayNanos = TimeUnit.MILLISECONDS.toNanos(
                Math.max(0, Math.min(atMillis - millis.getAsLong(), TimeUnit.DAYS.toMillis(3650))));
        long tickNanos = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
        long due = nanos.getAsLong() + delayNanos - base;
        long tick = (due + tickNanos - 1) / tickNanos; // never before the instant
        synchronized (this) {
            unlink(e);
            link(e, Math.max(tick, processed + 1));
            if (threaded && !running) {
                running = true;
                Thread t = new Thread(this::turn, "switchboard-expiry");
                t.setDaemon(true);
                t.start();
            }
        }
    }

    /** Forgets {@code e}; nothing happens if it is not pending. */
    public void cancel(Entry e) {
        synchronized (this) {
            unlink(e);
        }
    }

    /** Entries pending now. */
    synchronized int pending() {
        return pending;
    }

    private void link(Entry e, long tick) { // holds the lock
        int slot = (int) (tick & (SLOTS - 1));
        e.tick = tick;
        e.slot = slot;
        e.prev = null;
        e.next = heads[slot];
        if (e.next != null) {
            e.next.prev = e;
        }
        heads[slot] = e;
        pending++;
    }

    private void unlink(Entry e) { // holds the lock
        if (e.tick < 0) {
            return;
        }
        if (e.prev != null) {
            e.prev.next = e.next;
        } else {
            heads[e.slot] = e.next;
        }
        if (e.next != null) {
            e.next.prev = e.prev;
        }
        e.prev = null;
        e.next = null;
        e.tick = -1;
        pending--;
    }

    /**
     * Handles every tick up to now: takes the due entries out under the lock, then asks each
     * target outside it. Returns the entries handled.
     */
    int advance() {
        long now = (nanos.getAsLong() - base) / TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
        List<Entry> due = new ArrayList<>();
        synchronized (this) {
            // After a long pause every bucket is looked at once, not once per missed tick.
            long from = Math.max(processed + 1, now - SLOTS + 1);
            for (long t = from; t <= now; t++) {
                int slot = (int) (t & (SLOTS - 1));
                for (Entry e = heads[slot]; e != null; ) {
                    Entry next = e.next;
                    if (e.tick <= now) {
                        unlink(e);
                        due.add(e);
                    }
                    e = next;
                }
            }
            processed = Math.max(processed, now);
        }
        long wall = millis.getAsLong();
        for (Entry e : due) {
            try {
                long at = e.target.expiresAtMillis();
                if (at == Long.MAX_VALUE) {
                    continue; // no expiry any more (ended)
                }
                if (at > wall) {
                    reschedule(e, at); // moved later, or the wall clock lags the monotonic one
                } else {
                    e.target.expire();
                }
            } catch (RuntimeException | Error failure) {
                LOG.log(Level.WARNING, "SWB-1119 expiring a connection failed", failure);
            }
        }
        return due.size();
    }

    /** The wheel's thread: a tick at a time while entries are pending, then it ends. */
    private void turn() {
        long tickNanos = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
        int emptyTicks = 0;
        while (true) {
            long next;
            synchronized (this) {
                next = base + (processed + 1) * tickNanos;
            }
            long wait = next - nanos.getAsLong();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue; // woke early (spurious or not): look again
            }
            advance();
            synchronized (this) {
                if (pending > 0) {
                    emptyTicks = 0;
                } else if (++emptyTicks > LINGER_TICKS) {
                    running = false; // under the lock: a schedule() from now on starts a thread
                    return;
                }
            }
        }
    }
}
