package io.github.switchboard.docs.manual;

import static io.github.switchboard.testkit.SwitchboardAssertions.assertClosedWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.switchboard.server.EmbeddedServer;
import io.github.switchboard.testkit.TestClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The options page's example, with two of its limits crossed. */
class LimitsTest {

    private static EmbeddedServer start() {
        EmbeddedServer server = EmbeddedServer.builder()
                .port(0)                                   // a free port, for tests
                .endpoints(SensorFeed.class)
                .maxMessageSize(64 * 1024)                 // no endpoint may accept more
                .idleTimeout(Duration.ofSeconds(60))       // for endpoints that do not say
                .handshakeTimeout(Duration.ofSeconds(5))   // connect to complete upgrade request
                .start();
        return server;
    }

    @Test
    void aReadingOverTheEndpointsPayloadLimitClosesWith1009() {
        try (EmbeddedServer server = start();
                TestClient sensor = TestClient.builder(server.uri("/sensors")).connect()) {
            sensor.send("x".repeat(4096));                 // exactly the limit: accepted
            sensor.send("x".repeat(4097));
            assertClosedWith(sensor, 1009);
        }
    }

    @Test
    void aSensorFasterThanTwentyReadingsPerSecondIsClosedWith1008() {
        try (EmbeddedServer server = start();
                TestClient sensor = TestClient.builder(server.uri("/sensors")).connect()) {
            // A burst of 20 fits the bucket; to stay under 20 per second, 1,000 sends would
            // have to take 50 s. Once the server has closed, a send may fail: stop there.
            for (int i = 0; i < 1_000; i++) {
                try {
                    sensor.send("21.5");
                } catch (AssertionFailedError closedAlready) {
                    break;
                }
            }
            assertClosedWith(sensor, 1008);
        }
    }

    @Test
    void theBuildersLimitsAreCheckedWhenSet() {
        EmbeddedServer.Builder builder = EmbeddedServer.builder();
        assertThrows(IllegalArgumentException.class, () -> builder.maxMessageSize(124));
        assertThrows(IllegalArgumentException.class,
                () -> builder.maxMessageSize(EmbeddedServer.Builder.MAX_MESSAGE_SIZE_LIMIT + 1));
        assertThrows(IllegalArgumentException.class, () -> builder.maxHeaderCount(257));
        assertThrows(IllegalArgumentException.class, () -> builder.maxHeaderBytes(1023));
        assertThrows(IllegalArgumentException.class, () -> builder.idleTimeout(Duration.ZERO));
        assertEquals(256 << 20, EmbeddedServer.Builder.MAX_MESSAGE_SIZE_LIMIT);
    }
}
