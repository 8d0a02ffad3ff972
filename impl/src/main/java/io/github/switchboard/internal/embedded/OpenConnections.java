package io.github.switchboard.internal.embedded;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.glassfish.grizzly.Connection;

/**
 * The established WebSocket connections of one server, and whether it is closing. Thread-safe;
 * all state guarded by {@code this}.
 */
final class OpenConnections {

    private final Set<Connection<?>> connections = new HashSet<>();
    private boolean closing;

    synchronized void startClosing() {
        closing = true;
    }

    synchronized boolean isClosing() {
        return closing;
    }

    synchronized void add(Connection<?> c) {
        connections.add(c);
        notifyAll();
    }

    /** Wakes {@link #awaitChange}: a connection's WebSocket engine state is now attached. */
    synchronized void attached() {
        notifyAll();
    }

    synchronized void remove(Connection<?> c) {
        if (connections.remove(c)) {
            notifyAll();
        }
    }

    synchronized int size() {
        return connections.size();
    }

    synchronized List<Connection<?>> snapshot() {
        return List.copyOf(connections);
    }

    /**
     * Waits until the set changes, a connection is {@link #attached}, or {@code deadlineNanos}
     * ({@link System#nanoTime}) passes; returns at once when the set is empty.
     */
    synchronized void awaitChange(long deadlineNanos) throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        if (!connections.isEmpty() && left > 0) {
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
