package io.github.switchboard.internal.embedded;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.grizzly.Connection;

/**
 * The established WebSocket connections of one server, and whether it is closing. Thread-safe;
 * all state guarded by {@code this}.
 */
final class OpenConnections {

    private final Set<Connection<?>> connections = new HashSet<>();
    /** Written under the lock, read without it on the read path. */
    private volatile boolean closing;
    /**
     * Reads of upgraded (or upgrading) connections being processed right now: WebSocket
     * callbacks run inside them (Grizzly's worker strategy), so zero means no callback that a
     * client's bytes started is running. Lock-free: this is on every read.
     */
    private final AtomicInteger activeReads = new AtomicInteger();
    /**
     * Counts changes (a connection added, removed or attached): a waiter compares it with the
     * count it read before it looked, so a change made in between is never missed.
     */
    private long changes;

    /** The {@code Retry-After} seconds of the 503 refusing upgrades while closing. */
    private volatile int retryAfterSeconds = 5;

    synchronized void startClosing() {
        closing = true;
    }

    /** Refuses upgrades from now on, telling clients to come back in {@code retryAfter} s. */
    synchronized void startClosing(int retryAfter) {
        retryAfterSeconds = Math.max(1, retryAfter);
        closing = true;
    }

    boolean isClosing() {
        return closing;
    }

    int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    void readStarted() {
        activeReads.incrementAndGet();
    }

    void readFinished() {
        if (activeReads.decrementAndGet() == 0 && closing) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Waits until no read (and so no callback it runs) is in progress, or the deadline. */
    synchronized void awaitNoActiveReads(long deadlineNanos) throws InterruptedException {
        long left;
        while (activeReads.get() > 0 && (left = deadlineNanos - System.nanoTime()) > 0) {
            wait(Math.max(1, left / 1_000_000));
        }
    }

    synchronized void add(Connection<?> c) {
        connections.add(c);
        changed();
    }

    /** Wakes {@link #awaitChange}: a connection's WebSocket engine state is now attached. */
    synchronized void attached() {
        changed();
    }

    synchronized void remove(Connection<?> c) {
        if (connections.remove(c)) {
            changed();
        }
    }

    private void changed() { // holds the lock
        changes++;
        notifyAll();
    }

    /** The change count, for {@link #awaitChange}: read it before looking at the connections. */
    synchronized long changes() {
        return changes;
    }

    synchronized int size() {
        return connections.size();
    }

    synchronized List<Connection<?>> snapshot() {
        return List.copyOf(connections);
    }

    /**
     * Waits until something changed after {@link #changes()} returned {@code seen} (a connection
     * added, removed or {@link #attached}), the set is empty, or {@code deadlineNanos}
     * ({@link System#nanoTime}) passes. A change made before this call counts: it returns at once.
     *
     * @return whether something changed since {@code seen}
     */
    synchronized boolean awaitChange(long seen, long deadlineNanos) throws InterruptedException {
        long left;
        while (changes == seen && !connections.isEmpty()
                && (left = deadlineNanos - System.nanoTime()) > 0) {
            wait(Math.max(1, left / 1_000_000));
        }
        return changes != seen;
    }
}
