package io.github.switchboard.docs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.switchboard.testkit.SwitchboardTest;
import io.github.switchboard.testkit.TestClient;
import io.github.switchboard.testkit.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** docs/testing.md, "Timeouts": a short timeout only where nothing may arrive. */
@SwitchboardTest(endpoints = Greeter.class)
class QuietClientTest {

    @Test
    void nothingArrivesUntilTheClientSpeaks(TestServer server) {
        try (TestClient client = server.client("/greet").connect()) {
            assertEquals("hello", client.awaitText());
            assertThrows(AssertionFailedError.class,
                    () -> client.withTimeout(Duration.ofMillis(200)).awaitText());
            client.send("hi");
            assertEquals("you said hi", client.awaitText()); // the quiet wait consumed nothing
        }
    }
}
