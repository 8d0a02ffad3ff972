package io.github.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.internal.cdi.SwitchboardExtension;
import io.github.switchboard.internal.metrics.Meters;
import io.github.switchboard.testkit.SwitchboardTest;
import io.github.switchboard.testkit.TestClient;
import io.github.switchboard.testkit.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Micrometer and MicroProfile Health are optional (issue 11 §3): this module has neither, and
 * everything works; the docs module has both and checks the meters and the checks.
 */
@SwitchboardTest(endpoints = Expiring.class, beans = Expiring.ExpiryGuard.class)
class WithoutMicrometerTest {

    @Test
    void withoutMicrometerNothingIsRecordedAndNothingBreaks(TestServer server) {
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("io.micrometer.core.instrument.MeterRegistry"));
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("org.eclipse.microprofile.health.HealthCheck"));
        try (TestClient c = server.client("/expiring").connect()) {
            assertEquals("hello -1", c.awaitText());
            c.send("hi");
            assertEquals("echo hi", c.awaitText());
        }
        var bm = server.embedded().container().getBeanManager();
        assertSame(Meters.NONE, bm.getExtension(SwitchboardExtension.class).services().meters());
        assertTrue(server.embedded().health().ready());
    }
}
