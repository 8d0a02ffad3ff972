package io.github.switchboard;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * One WebSocket connection of a Switchboard endpoint: Bun's {@code ServerWebSocket} on top of the
 * JSR {@code Session}. Obtain it by injection ({@code @Inject Connection}) into the endpoint or any
 * bean created for the connection.
 *
 * <p>The object injected into an endpoint, a {@link ConnectionScoped} bean or a bean they create
 * is the connection itself: it may be kept and used from any thread, also after the connection
 * ended. Injected into a longer-lived bean ({@code @ApplicationScoped}) it is a stand-in that
 * resolves, at each call, to the connection whose callback is running on the calling thread, and
 * throws {@link IllegalStateException} when none is; keep {@link #current()} of it, not the
 * stand-in, when you store connections.
 *
 * <p>Thread-safe. No method returns null. Once the connection has ended, {@link #send} reports
 * {@link SendResult.Status#CLOSED} and {@link #close} does nothing: terminal states never throw.
 */
public interface Connection {

    /**
     * The close code sent when a connection's credentials expire: {@value}, in the private-use
     * range of RFC 6455 §7.4.2, chosen after HTTP's {@code 401 Unauthorized}. The reason is
     * {@code "credentials expired"}. A client that gets it should fetch fresh credentials before
     * it reconnects.
     */
    int CREDENTIALS_EXPIRED = 4401;

    /**
     * The key under which a guard attaches the instant a connection's credentials expire (see
     * {@link GuardResult.Accept#expiresAt}); at that instant the connection is closed with
     * {@link #CREDENTIALS_EXPIRED} unless {@link #extendUntil} moved it.
     */
    Key<Instant> EXPIRES_AT = Key.of("io.github.switchboard.expiresAt", Instant.class);

    /** A unique, opaque id, stable for the life of the connection; never reused. */
    String id();

    /** The immutable snapshot of the upgrade request. */
    Handshake handshake();

    /** The typed data the handshake guards attached; empty when they attached none. */
    Attachments data();

    /** The value a guard attached under {@code key}: shorthand for {@code data().get(key)}. */
    default <T> Optional<T> data(Key<T> key) {
        return data().get(key);
    }

    /** The value stored under {@code key} by {@link #attribute(Key, Object)}, if any. */
    <T> Optional<T> attribute(Key<T> key);

    /**
     * Stores a mutable per-connection value (null removes it) and returns the previous one. The
     * attributes are dropped when the connection ends.
     */
    <T> Optional<T> attribute(Key<T> key, T value);

    /** Whether the connection is open: upgraded, and no close frame sent or received yet. */
    boolean isOpen();

    /** Sends a text message; never blocks on the network. */
    SendResult send(String text);

    /** Sends a binary message (the remaining bytes; the buffer is not modified). */
    SendResult send(ByteBuffer data);

    /** Sends a binary message. */
    default SendResult send(byte[] data) {
        return send(ByteBuffer.wrap(data));
    }

    /**
     * Subscribes this connection to {@code topic} (see {@link Topics}).
     *
     * @return true when newly subscribed; false when it already was, or the connection is
     *         closing or closed
     * @throws IllegalArgumentException for an empty topic or one longer than
     *         {@link Topics#MAX_TOPIC_LENGTH}
     */
    boolean subscribe(String topic);

    /** Unsubscribes; true when it was subscribed. Messages already accepted are still delivered. */
    boolean unsubscribe(String topic);

    /** Whether this connection is subscribed to {@code topic}; false once it is closing. */
    boolean isSubscribed(String topic);

    /**
     * The topics this connection is subscribed to now: a snapshot without duplicates, empty in
     * and after the close callback (every subscription is dropped when the connection closes).
     */
    java.util.Set<String> subscriptions();

    /**
     * Sends a text message to every other subscriber of {@code topic}: the sender is excluded,
     * also when it is subscribed itself (unless its endpoint sets
     * {@link WebSocketOptions#publishToSelf}), and whether or not it is still open (publishing
     * from the close callback reaches the others).
     */
    PublishResult publish(String topic, String text);

    /** Sends a binary message to every other subscriber of {@code topic}. */
    PublishResult publish(String topic, ByteBuffer data);

    /**
     * Bytes accepted by {@link #send} (and the container's own sends) and not yet written to the
     * network: Bun's {@code getBufferedAmount()}. 0 on an idle connection, and where the
     * container cannot tell.
     */
    long bufferedAmount();

    /**
     * Sends an object through the endpoint's JSR encoders (the first declared one whose type
     * accepts it), or as text for a {@code String} or boxed primitive and as binary for a
     * {@code ByteBuffer} or {@code byte[]}.
     *
     * @throws IllegalArgumentException when no encoder accepts it or the encoder fails
     */
    SendResult sendObject(Object message);

    /**
     * Publishes an object, encoded once with this connection's encoders (as {@link #sendObject}),
     * to every other subscriber of {@code topic}.
     *
     * @throws IllegalArgumentException when no encoder accepts it or the encoder fails
     */
    PublishResult publishObject(String topic, Object message);

    /**
     * The instant at which this connection's credentials expire now: what a guard attached
     * under {@link #EXPIRES_AT}, as moved by {@link #extendUntil}; empty when it has none.
     */
    Optional<Instant> expiresAt();

    /**
     * Moves the instant at which the connection closes with {@link #CREDENTIALS_EXPIRED} to
     * {@code instant}, later or earlier (the connection now expires exactly then), also for a
     * connection that had no expiry. Call it from a message handler that validated a fresh
     * token. An instant already past closes the connection within the timer's resolution
     * (100 ms), as does reaching a future one; the timer costs nothing per connection while idle.
     *
     * @param instant when the connection's credentials expire; not null
     * @return true when the expiry moved; false, without effect, when the connection is closing
     *         or closed
     */
    boolean extendUntil(Instant instant);

    /** Starts the close handshake with 1000 (normal closure). */
    default void close() {
        close(1000, "");
    }

    /**
     * Starts the close handshake with {@code code} and {@code reason}; does nothing when the
     * connection is already closing or closed.
     *
     * @param code   1000, 1001, 1003, 1007–1011, 1012–1014 or 3000–4999
     * @param reason at most 123 bytes of UTF-8; null means empty
     * @throws IllegalArgumentException for a code that may not be sent or a reason too long
     */
    void close(int code, String reason);

    /**
     * Runs {@code action} on the calling thread with this connection's {@link ConnectionScoped}
     * context (and a request context, unless one is active) active, as inside one of its
     * callbacks: for a REST resource or a scheduler acting on a connection.
     *
     * @return false, without running the action, when the connection has ended
     */
    boolean run(Runnable action);

    /**
     * Like {@link #run} for an action with a result.
     *
     * @throws IllegalStateException when the connection has ended (the action did not run)
     * @throws Exception             what the action throws
     */
    <T> T call(Callable<T> action) throws Exception;

    /**
     * The connection itself: on a stand-in injected into a longer-lived bean, the connection of
     * the running callback, which may be stored; on the connection, {@code this}.
     *
     * @throws IllegalStateException on a stand-in called outside any connection
     */
    Connection current();
}
