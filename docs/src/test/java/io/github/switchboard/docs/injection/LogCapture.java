package io.github.switchboard.docs.injection;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what Switchboard logs (System.Logger, which goes to java.util.logging by default)
 * while it is open, so that a test can wait for a message id. Thread-safe.
 */
final class LogCapture implements AutoCloseable {

    /** Held strongly: java.util.logging keeps loggers only weakly. */
    private final Logger logger = Logger.getLogger("io.github.switchboard");
    private final BlockingQueue<LogRecord> records = new LinkedBlockingQueue<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    LogCapture() {
        logger.addHandler(handler);
    }

    /** The first record whose message starts with {@code prefix}, waiting at most {@code timeout}. */
    Optional<LogRecord> await(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            LogRecord r = left <= 0 ? records.poll() : records.poll(left, TimeUnit.NANOSECONDS);
            if (r == null) {
                return Optional.empty();
            }
            if (r.getMessage() != null && r.getMessage().startsWith(prefix)) {
                return Optional.of(r);
            }
        }
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
