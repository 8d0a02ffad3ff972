package io.github.switchboard.redis;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/** Polls a condition that another process (Redis) makes true, within a bound. */
final class Awaits {

    static final long TIMEOUT_SECONDS = 20;

    private Awaits() {
    }

    static void until(BooleanSupplier condition, Supplier<String> failure) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionFailedError(failure.get() + " after " + TIMEOUT_SECONDS + " s");
            }
            try {
                TimeUnit.MILLISECONDS.sleep(10); // a poll interval, not a synchronization
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionFailedError("interrupted");
            }
        }
    }
}
