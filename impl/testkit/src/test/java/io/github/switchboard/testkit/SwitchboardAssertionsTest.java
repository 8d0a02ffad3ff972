package io.github.switchboard.testkit;

import static io.github.switchboard.testkit.SwitchboardAssertions.assertClosedWith;
import static io.github.switchboard.testkit.SwitchboardAssertions.assertReceivedExactly;
import static io.github.switchboard.testkit.SwitchboardAssertions.assertRejectedWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.testkit.example.EchoEndpoint;
import io.github.switchboard.testkit.example.TokenGuard;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;

/** Each assertion passes on the right input and fails, saying why, on the wrong one. */
@SwitchboardTest(endpoints = {ScriptEndpoint.class, EchoEndpoint.class}, beans = TokenGuard.class)
class SwitchboardAssertionsTest {

    /** Only for waits that must fail because nothing will ever arrive. */
    private static final Duration NOTHING_COMES = Duration.ofMillis(200);

    private final TestServer server;

    SwitchboardAssertionsTest(TestServer server) {
        this.server = server;
    }

    /** The guard runs on every endpoint: the script endpoint needs the token and user too. */
    private TestClient script() {
        return server.client("/script").header("Authorization", "Bearer test-token")
                .cookie("user", "ada").connect();
    }

    private static AssertionFailedError fails(Executable assertion, String... parts) {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, assertion);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
        return e;
    }

    @Test
    void receivedExactlyPassesOnTheRightMessagesInOrder() {
        try (TestClient client = script()) {
            client.send("then a b");
            assertReceivedExactly(client, "a", "b");
        }
    }

    @Test
    void receivedExactlyFailsOnAWrongMessageWithExpectedAndActual() {
        try (TestClient client = script()) {
            client.send("then a c");
            AssertionFailedError e = fails(() -> assertReceivedExactly(client, "a", "b"),
                    "message 2 of 2", "expected \"b\" but was \"c\"");
            assertEquals(List.of("a", "b"), e.getExpected().getValue());
            assertEquals(List.of("a", "c"), e.getActual().getValue());
        }
    }

    @Test
    void receivedExactlyFailsWhenAMessageNeverArrives() {
        try (TestClient client = script()) {
            client.send("a");
            fails(() -> assertReceivedExactly(client.withTimeout(NOTHING_COMES), "a", "b"),
                    "expected 2 text messages [\"a\", \"b\"]",
                    "after [\"a\"] nothing more arrived within PT0.2S");
        }
    }

    @Test
    void receivedExactlyFailsOnABinaryMessage() {
        try (TestClient client = script()) {
            client.send(ByteBuffer.wrap(new byte[] {1}));
            fails(() -> assertReceivedExactly(client, "a"),
                    "received a binary message (1 byte: 01)");
        }
    }

    @Test
    void anExtraMessageIsCaughtByTheCloseAwaitedAfterIt() {
        try (TestClient client = script()) {
            client.send("then a b");
            client.send("extra");
            client.send("close 1000");
            assertReceivedExactly(client, "a", "b");
            fails(() -> assertClosedWith(client, 1000), "the text message \"extra\"");
        }
    }

    @Test
    void anExtraMessageIsCaughtByAReplyAwaitedAfterIt() {
        try (TestClient client = script()) {
            client.send("then a b");
            client.send("extra");
            client.send("marker");
            assertReceivedExactly(client, "a", "b");
            fails(() -> assertReceivedExactly(client, "marker"),
                    "expected \"marker\" but was \"extra\"");
        }
    }

    @Test
    void closedWithPassesOnTheRightCodeAndReason() {
        try (TestClient client = script()) {
            client.send("close 4001 gone away");
            assertEquals("gone away", assertClosedWith(client, 4001).reason());
            assertClosedWith(client, 4001, "gone away");
        }
    }

    @Test
    void closedWithFailsOnAnotherCodeOrReason() {
        try (TestClient client = script()) {
            client.send("close 4001 gone away");
            AssertionFailedError e = fails(() -> assertClosedWith(client, 1000),
                    "to close with 1000, but it closed with 4001 \"gone away\"");
            assertEquals(1000, e.getExpected().getValue());
            assertEquals(4001, e.getActual().getValue());
            fails(() -> assertClosedWith(client, 4001, "bye"),
                    "to close with 4001 \"bye\", but it closed with 4001 \"gone away\"");
        }
    }

    @Test
    void closedWithFailsWhileTheConnectionStaysOpen() {
        try (TestClient client = script()) {
            fails(() -> assertClosedWith(client.withTimeout(NOTHING_COMES), 1000),
                    "to close within PT0.2S, but it is still open");
        }
    }

    @Test
    void rejectedWithPassesOnTheRightStatusAndReturnsTheHeaders() {
        Rejection rejection = assertRejectedWith(server.client("/echo"), 401);
        assertEquals(Optional.of("Bearer"), rejection.header("www-authenticate"));
    }

    @Test
    void rejectedWithFailsOnAnotherStatus() {
        AssertionFailedError e = fails(() -> assertRejectedWith(server.client("/echo"), 403),
                "to be rejected with HTTP 403, but it was rejected with HTTP 401");
        assertEquals(403, e.getExpected().getValue());
        assertEquals(401, e.getActual().getValue());
    }

    @Test
    void rejectedWithFailsWhenTheUpgradeIsAccepted() {
        fails(() -> assertRejectedWith(server.client("/echo").header("Authorization",
                "Bearer test-token").cookie("user", "ada"), 401),
                "to be rejected, but the server accepted it");
    }
}
