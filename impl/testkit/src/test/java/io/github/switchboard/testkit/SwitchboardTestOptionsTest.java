package io.github.switchboard.testkit;

import static io.github.switchboard.testkit.SwitchboardAssertions.assertClosedWith;
import static io.github.switchboard.testkit.SwitchboardAssertions.assertRejectedWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The annotation's optional settings reach the server. */
@SwitchboardTest(endpoints = ScriptEndpoint.class, allowedOrigins = "https://app.example",
        maxMessageSize = 125)
class SwitchboardTestOptionsTest {

    @Test
    void anAllowedOriginIsAccepted(TestServer server) {
        try (TestClient client = server.client("/script").header("Origin", "https://app.example")
                .connect()) {
            client.send("hi");
            assertEquals("hi", client.awaitText());
        }
    }

    @Test
    void anotherOriginIsRefused(TestServer server) {
        assertRejectedWith(server.client("/script").header("Origin", "https://evil.example"), 403);
    }

    @Test
    void aMessageOverMaxMessageSizeClosesTheConnectionWith1009(TestServer server) {
        try (TestClient client = server.client("/script").connect()) {
            client.send("x".repeat(125));
            assertEquals("x".repeat(125), client.awaitText());
            client.send("x".repeat(126));
            assertClosedWith(client, 1009);
        }
    }
}
