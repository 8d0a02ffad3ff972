package io.github.switchboard.testkit;

import java.util.Objects;

/**
 * How a connection ended, as {@link TestClient#awaitClose()} reports it: the status code and
 * reason of the server's close frame, {@code 1005} with an empty reason when the frame carried
 * no code, or {@code 1006} (never sent on the wire) when the connection ended without a close
 * frame, with a reason that describes the failure.
 *
 * <p>Immutable and thread-safe; {@code reason} is never {@code null}.
 */
public record CloseStatus(int code, String reason) {

    /** The code reported when the connection ended without a close frame (RFC 6455, 7.4.1). */
    public static final int ABNORMAL = 1006;

    /**
     * Checks the reason.
     *
     * @throws NullPointerException when {@code reason} is {@code null}
     */
    public CloseStatus {
        Objects.requireNonNull(reason, "reason");
    }

    /** For failure messages: {@code 1000 "bye"}. */
    @Override
    public String toString() {
        return code + " \"" + reason + "\"";
    }
}
