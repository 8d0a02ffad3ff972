package io.github.switchboard.testkit;

import java.net.http.HttpHeaders;
import java.util.Objects;
import java.util.Optional;

/**
 * A refused WebSocket upgrade: the HTTP status and the response headers the server sent instead
 * of {@code 101 Switching Protocols}, as {@link TestClient.Builder#connectExpectingRejection()}
 * reports them.
 *
 * <p>Immutable and thread-safe; no component is {@code null}. {@link HttpHeaders} looks names up
 * case-insensitively.
 */
public record Rejection(int status, HttpHeaders headers) {

    /**
     * Checks the headers.
     *
     * @throws NullPointerException when {@code headers} is {@code null}
     */
    public Rejection {
        Objects.requireNonNull(headers, "headers");
    }

    /** The first value of the header {@code name} (any case), or empty; never {@code null}. */
    public Optional<String> header(String name) {
        return headers.firstValue(Objects.requireNonNull(name, "name"));
    }

    /** For failure messages: the status and the headers. */
    @Override
    public String toString() {
        return "HTTP " + status + " " + headers.map();
    }
}
