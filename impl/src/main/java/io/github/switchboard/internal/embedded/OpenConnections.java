package io.github.switchboard.internal.embedded;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.glassfish.grizzly.Connection;

/** The upgraded connections of one server; thread-safe, all state guarded by {@code this}. */
final class OpenConnections {

    private final Set<Connection<?>> connections = new HashSet<>();

    synchronized void add(Connection<?> c) {
        connections.add(c);
    }

    synchronized void remove(Connection<?> c) {
        if (connections.remove(c) && connections.isEmpty()) {
            notifyAll();
        }
    }

    synchronized int size() {
        return connections.size();
    }

    synchronized List<Connection<?>> snapshot() {
        return List.copyOf(connections);
    }

    /** Waits until no connection is open or {@code deadlineNanos} ({@link System#nanoTime}) passes. */
    synchronized void awaitEmpty(long deadlineNanos) throws InterruptedException {
        long left;
        while (!connections.isEmpty() && (left = deadlineNanos - System.nanoTime()) > 0) {
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
