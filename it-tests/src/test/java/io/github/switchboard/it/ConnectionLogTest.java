package io.github.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.testkit.SwitchboardTest;
import io.github.switchboard.testkit.TestClient;
import io.github.switchboard.testkit.TestServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Connection logs (issue 11 §5): quiet by default; at DEBUG one line each way, no secrets. */
@SwitchboardTest(endpoints = Expiring.class, beans = Expiring.ExpiryGuard.class)
class ConnectionLogTest {

    private static final String LOGGER = "io.github.switchboard.internal.cdi.SwitchboardConnection";

    /** Records what reaches the logger at every level, and counts closed lines. */
    private static final class Recorder extends Handler {
        final List<LogRecord> records = new CopyOnWriteArrayList<>();
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void publish(LogRecord r) {
            records.add(r);
            if (r.getMessage() != null && r.getMessage().startsWith("SWB-1118")) {
                closed.countDown();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void atDebugEachConnectionLogsItsOpenAndCloseWithItsIdAndNoSecret(TestServer server)
            throws Exception {
        Logger logger = Logger.getLogger(LOGGER);
        Level before = logger.getLevel();
        Recorder recorder = new Recorder();
        assertFalse(logger.isLoggable(Level.FINE), "quiet by default");
        logger.setLevel(Level.FINE);
        logger.addHandler(recorder);
        try (TestClient c = server.client("/expiring?access_token=s3cr3t")
                .header("Authorization", "Bearer s3cr3t").cookie("session", "s3cr3t").connect()) {
            assertEquals("hello -1", c.awaitText());
        } finally {
            try {
                assertTrue(recorder.closed.await(10, TimeUnit.SECONDS), "no closed line");
            } finally {
                logger.removeHandler(recorder);
                logger.setLevel(before);
            }
        }
        List<String> lines = recorder.records.stream().map(LogRecord::getMessage).toList();
        String opened = lines.stream().filter(l -> l.startsWith("SWB-1117")).findFirst()
                .orElseThrow(() -> new AssertionError("no opened line: " + lines));
        String id = opened.split(" ")[2].substring("connection=".length());
        assertTrue(lines.contains("SWB-1118 closed connection=" + id + " code=1000"), lines.toString());
        assertTrue(opened.contains(" query=\"access_token=<redacted>\" "), opened);
        assertTrue(opened.contains("authorization=<redacted>"), opened);
        for (LogRecord r : recorder.records) {
            assertFalse(r.getMessage().contains("s3cr3t"), r.getMessage());
            assertTrue(r.getLevel().intValue() < Level.INFO.intValue(),
                    "a connection's life logs nothing at INFO: " + r.getMessage());
        }
    }
}
