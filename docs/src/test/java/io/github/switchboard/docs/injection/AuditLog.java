package io.github.switchboard.docs.injection;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * What the examples record, in the order it happened; the tests wait for entries here.
 * Thread-safe. It locks a private object, never {@code this}: Weld's client proxy declares the
 * bean's {@code synchronized} methods {@code synchronized} too, so a waiting method would keep
 * the proxy locked and every other caller out.
 */
@ApplicationScoped
public class AuditLog {

    private final Object lock = new Object();
    /** Guarded by lock; only ever appended to. */
    private final List<String> entries = new ArrayList<>();

    public void add(String entry) {
        synchronized (lock) {
            entries.add(entry);
            lock.notifyAll();
        }
    }

    /** A copy of the entries so far. */
    public List<String> entries() {
        synchronized (lock) {
            return List.copyOf(entries);
        }
    }

    /** Waits at most {@code timeout} for {@code entry}; whether it was added. */
    public boolean await(String entry, Duration timeout) throws InterruptedException {
        return awaitFirst(entry::equals, timeout).isPresent();
    }

    /** The first entry that matches, waiting at most {@code timeout} for one; empty if none. */
    public Optional<String> awaitFirst(Predicate<String> matching, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                Optional<String> found = entries.stream().filter(matching).findFirst();
                long left = deadline - System.nanoTime();
                if (found.isPresent() || left <= 0) {
                    return found;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
    }
}
