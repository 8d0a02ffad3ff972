package io.github.switchboard.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opentest4j.AssertionFailedError;

/** The JDK client's futures, turned into results or test failures within a timeout. */
final class Connector {

    /**
     * One HTTP client for every test client: each one owns a selector thread that Java 17
     * cannot stop ({@code HttpClient.close()} came in Java 21). It keeps no cookies, and it
     * ignores proxy settings: a test talks to its server directly. Thread-safe.
     */
    private static final HttpClient HTTP =
            HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    private Connector() {
    }

    /**
     * Upgrades to {@code uri} with {@code inbox} as listener and returns the open
     * {@link WebSocket} or the {@link Rejection}.
     *
     * @throws IllegalArgumentException when the JDK refuses a header
     * @throws AssertionFailedError when the connection fails or the timeout passes first
     */
    static Object open(URI uri, List<String[]> headers, List<String> subprotocols,
            Duration timeout, Inbox inbox) {
        // The JDK bounds the whole handshake by its connect timeout; get() below by the same
        // timeout is the backstop, and either way the failure reads the same.
        WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(timeout);
        headers.forEach(h -> b.header(h[0], h[1]));
        if (!subprotocols.isEmpty()) {
            b.subprotocols(subprotocols.get(0),
                    subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        CompletableFuture<WebSocket> opening = b.buildAsync(uri, inbox);
        try {
            return opening.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof WebSocketHandshakeException refused) {
                HttpResponse<?> response = refused.getResponse();
                if (response.statusCode() == 101) { // accepted, but the answer is invalid
                    throw new AssertionFailedError("the server accepted the upgrade to " + uri
                            + " with a response the JDK refuses: " + refused.getCause()
                            + " " + response.headers().map(), refused);
                }
                return new Rejection(response.statusCode(), response.headers());
            }
            if (cause instanceof IllegalArgumentException bad) {
                throw new IllegalArgumentException(bad.getMessage(), bad);
            }
            if (cause instanceof HttpTimeoutException) { // the JDK's own bound, the same timeout
                throw noResponse(uri, timeout, cause);
            }
            throw new AssertionFailedError("could not connect to " + uri + ": " + cause, cause);
        } catch (TimeoutException e) {
            opening.thenAccept(WebSocket::abort); // should it open after all, release it
            throw noResponse(uri, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            opening.thenAccept(WebSocket::abort);
            throw new AssertionFailedError("interrupted while connecting to " + uri, e);
        }
    }

    private static AssertionFailedError noResponse(URI uri, Duration timeout, Throwable cause) {
        return new AssertionFailedError("no handshake response from " + uri + " within "
                + timeout, cause);
    }

    /**
     * Waits at most the client's timeout for a send to be written.
     *
     * @throws IllegalArgumentException when the JDK refuses the message
     * @throws AssertionFailedError when it fails or the timeout passes first
     */
    static void await(CompletableFuture<?> sending, String what, TestClient client) {
        try {
            sending.get(client.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof IllegalArgumentException bad) {
                throw new IllegalArgumentException(bad.getMessage(), bad);
            }
            Inbox.Ended ended = client.inbox().ended();
            throw new AssertionFailedError("could not " + what + " to " + client.uri() + ": "
                    + cause + (ended == null ? "" : " (received " + Inbox.describe(ended) + ")"),
                    cause);
        } catch (TimeoutException e) {
            throw new AssertionFailedError("could not " + what + " to " + client.uri()
                    + " within " + client.timeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("interrupted while trying to " + what, e);
        }
    }

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
