package io.github.switchboard.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions about what a {@link TestClient} received and how a handshake ended. Each waits at
 * most its client's timeout per awaited item and reports a failure as an
 * {@link AssertionFailedError} that says what arrived instead (with expected and actual values
 * for IDE diffs). None sleeps: "nothing more arrived" is proven by the next thing that does
 * arrive, see {@link #assertReceivedExactly}.
 *
 * <p>Stateless and thread-safe; the threading rules are the client's.
 */
public final class SwitchboardAssertions {

    private SwitchboardAssertions() {
    }

    /**
     * Asserts that the next messages {@code client} receives are exactly these text messages, in
     * this order, waiting at most the timeout for each. The messages are consumed.
     *
     * <p>It does not wait to see whether more follow: that would need a sleep, and a sleep can
     * only make a test slow or flaky. To prove that nothing else arrived, await what must come
     * next: {@link #assertClosedWith} (fails when a message arrived before the close) or a reply
     * to a later request (fails when any other message arrived before it). Messages on one
     * connection arrive in the order they were sent.
     *
     * @throws AssertionFailedError when a message differs, is binary, or does not arrive in time,
     *         or the connection closes first
     */
    public static void assertReceivedExactly(TestClient client, String... messages) {
        Objects.requireNonNull(client, "client");
        List<String> expected = List.of(messages);
        List<String> received = new ArrayList<>();
        for (String want : expected) {
            Object next = client.next(String.class::isInstance, "a text message");
            if (!(next instanceof String text)) {
                throw new AssertionFailedError("expected " + expected.size() + " text messages "
                        + quoted(expected) + " from " + client.uri() + ", but after "
                        + quoted(received) + (next == null
                                ? " nothing more arrived within " + client.timeout()
                                : " received " + Inbox.describe(next)),
                        expected, received);
            }
            received.add(text);
            if (!text.equals(want)) {
                throw new AssertionFailedError("message " + received.size() + " of "
                        + expected.size() + " from " + client.uri() + " differs: expected "
                        + Inbox.quote(want) + " but was " + Inbox.quote(text) + "; received "
                        + quoted(received), expected, received);
            }
        }
    }

    /**
     * Asserts that the connection closes with status {@code code} (any reason), waiting at most
     * the timeout; see {@link TestClient#awaitClose()}: a message not yet awaited fails it.
     *
     * @return the close, for further checks
     * @throws AssertionFailedError when it closes with another code, stays open, or a message
     *         arrives before the close
     */
    public static CloseStatus assertClosedWith(TestClient client, int code) {
        CloseStatus status = Objects.requireNonNull(client, "client").awaitClose();
        if (status.code() != code) {
            throw new AssertionFailedError("expected " + client.uri() + " to close with " + code
                    + ", but it closed with " + status, code, status.code());
        }
        return status;
    }

    /**
     * Asserts that the connection closes with status {@code code} and exactly this
     * {@code reason}, waiting at most the timeout.
     *
     * @return the close
     * @throws AssertionFailedError as {@link #assertClosedWith(TestClient, int)}, and when the
     *         reason differs
     */
    public static CloseStatus assertClosedWith(TestClient client, int code, String reason) {
        Objects.requireNonNull(reason, "reason");
        CloseStatus status = Objects.requireNonNull(client, "client").awaitClose();
        CloseStatus expected = new CloseStatus(code, reason);
        if (!status.equals(expected)) {
            throw new AssertionFailedError("expected " + client.uri() + " to close with "
                    + expected + ", but it closed with " + status, expected, status);
        }
        return status;
    }

    /**
     * Asserts that the upgrade {@code builder} attempts is refused with HTTP {@code status},
     * waiting at most the builder's timeout.
     *
     * @return the refusal, with its headers for further checks
     * @throws AssertionFailedError when it is refused with another status, accepted (the
     *         connection is then closed), fails or times out
     */
    public static Rejection assertRejectedWith(TestClient.Builder builder, int status) {
        Objects.requireNonNull(builder, "builder");
        Rejection rejection = builder.connectExpectingRejection();
        if (rejection.status() != status) {
            throw new AssertionFailedError("expected the upgrade to " + builder.uri()
                    + " to be rejected with HTTP " + status + ", but it was rejected with "
                    + rejection, status, rejection.status());
        }
        return rejection;
    }

    private static String quoted(List<String> messages) {
        return messages.stream().map(Inbox::quote).toList().toString();
    }
}
