package io.github.switchboard.docs.topics;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How often history streams paused for a slow client: a number worth exporting. The tests wait
 * on it. Thread-safe; it locks a private object, since Weld's client proxy would also hold the
 * proxy's monitor during a synchronized method.
 */
@ApplicationScoped
public class StreamMetrics {

    private final Object lock = new Object();
    private long pauses;   // guarded by lock

    void paused() {
        synchronized (lock) {
            pauses++;
            lock.notifyAll();
        }
    }

    /** Pauses so far. */
    public long pauses() {
        synchronized (lock) {
            return pauses;
        }
    }

    /** Waits at most {@code timeout} until there have been more than {@code count} pauses. */
    public boolean awaitMoreThan(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            long left;
            while (pauses <= count && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return pauses > count;
        }
    }
}
