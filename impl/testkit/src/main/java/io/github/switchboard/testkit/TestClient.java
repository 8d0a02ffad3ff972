package io.github.switchboard.testkit;

import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.opentest4j.AssertionFailedError;

/**
 * One WebSocket connection for a test, on the JDK's {@link java.net.http.WebSocket}: it sends,
 * and it awaits whole messages (fragments reassembled) and the close, each within the timeout
 * of its {@link Builder}. Made by {@link TestServer#client(String)} or {@link #builder(URI)}.
 *
 * <p>Everything the server sends is kept in arrival order until awaited; an await that finds
 * something other than what it expects fails with an {@link AssertionFailedError} that names
 * what arrived and leaves it in place. The close stays available to every later await.
 *
 * <p>Thread-safe: sends are serialized, and each received message goes to whichever thread
 * awaits it first (a test normally uses one thread). {@link #close()} is idempotent and never
 * throws.
 */
public final class TestClient implements AutoCloseable {

    /** The timeout of a client whose builder was not given one: 10 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final URI uri;
    private final Duration timeout;
    private final WebSocket socket;
    private final Inbox inbox;
    /** Shared with every {@link #withTimeout} view of the same connection. */
    private final Sending sending;

    /**
     * The lock for sending (the JDK refuses a send while the previous one is pending) and what
     * it guards.
     */
    private static final class Sending {
        /** Set once the close frame has been sent or given up on; never cleared. */
        boolean closeSent;
    }

    private TestClient(URI uri, Duration timeout, WebSocket socket, Inbox inbox, Sending sending) {
        this.uri = uri;
        this.timeout = timeout;
        this.socket = socket;
        this.inbox = inbox;
        this.sending = sending;
    }

    /**
     * A builder for a connection to {@code uri} ({@code ws://} or {@code wss://}), for servers
     * the {@link SwitchboardTest} extension did not start.
     *
     * @throws NullPointerException when {@code uri} is {@code null}
     */
    public static Builder builder(URI uri) {
        return new Builder(Objects.requireNonNull(uri, "uri"));
    }

    /**
     * The same connection with another timeout for the sends and waits made through the
     * returned client, for example a short one where a test expects nothing to arrive; this
     * client keeps its own. Closing either closes the connection.
     *
     * @throws IllegalArgumentException when {@code timeout} is not positive
     */
    public TestClient withTimeout(Duration timeout) {
        return new TestClient(uri, positive(timeout), socket, inbox, sending);
    }

    /** The subprotocol the server chose, or the empty string when none. Does not wait. */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    /**
     * Sends {@code text} as one text message and waits, at most the timeout, until it is
     * written.
     *
     * @throws AssertionFailedError when it cannot be sent (for example after a close) or the
     *         timeout passes first
     */
    public void send(String text) {
        Objects.requireNonNull(text, "text");
        synchronized (sending) {
            Connector.await(socket.sendText(text, true), "send " + Inbox.describe(text), this);
        }
    }

    /**
     * Sends the remaining bytes of {@code data} as one binary message, without moving its
     * position, and waits, at most the timeout, until it is written.
     *
     * @throws AssertionFailedError when it cannot be sent or the timeout passes first
     */
    public void send(ByteBuffer data) {
        ByteBuffer copy = Objects.requireNonNull(data, "data").duplicate();
        synchronized (sending) {
            Connector.await(socket.sendBinary(copy, true), "send " + Inbox.describe(data), this);
        }
    }

    /**
     * Returns the next message, which must be a text message, waiting at most the timeout.
     *
     * @throws AssertionFailedError when nothing arrives in time, or when the next thing received
     *         is a binary message or the close (which then stays unread)
     */
    public String awaitText() {
        return (String) expect(String.class::isInstance, "a text message");
    }

    /**
     * Returns the next message, which must be a binary message, as a read-only buffer, waiting
     * at most the timeout.
     *
     * @throws AssertionFailedError when nothing arrives in time, or when the next thing received
     *         is a text message or the close (which then stays unread)
     */
    public ByteBuffer awaitBinary() {
        return (ByteBuffer) expect(ByteBuffer.class::isInstance, "a binary message");
    }

    /**
     * Returns how the connection ended, waiting at most the timeout: the server's close frame,
     * or {@link CloseStatus#ABNORMAL} when it ended without one. Every message must have been
     * awaited first, so a passing call also proves that nothing else arrived before the close.
     * It can be called again and returns the same status.
     *
     * @throws AssertionFailedError when the connection is still open after the timeout, or a
     *         message that was not awaited arrived before the close
     */
    public CloseStatus awaitClose() {
        Object next = next(o -> false, "the close");
        if (next instanceof Inbox.Ended e) {
            return e.status();
        }
        throw new AssertionFailedError(next == null
                ? "expected " + uri + " to close within " + timeout + ", but it is still open"
                : "expected " + uri + " to close, but first received " + Inbox.describe(next)
                        + " (await the messages before the close)");
    }

    /**
     * Sends close {@code 1000} with an empty reason, unless this client or the server already
     * closed, then waits at most the timeout for the server's close and releases the connection.
     * What the server answered stays available to {@link #awaitClose()}. Idempotent; never
     * throws.
     */
    @Override
    public void close() {
        close(WebSocket.NORMAL_CLOSURE, "");
    }

    /**
     * Like {@link #close()}, with the given code and reason; does nothing when this client has
     * already closed.
     *
     * @throws IllegalArgumentException when the JDK refuses {@code code} (it sends only 1000,
     *         1001, 1008, 1011 and 3000-4999) or {@code reason} (over 123 UTF-8 bytes); the
     *         connection then stays open
     */
    public void close(int code, String reason) {
        Objects.requireNonNull(reason, "reason");
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (sending) {
            if (sending.closeSent) {
                return;
            }
            if (inbox.ended() == null && !socket.isOutputClosed()) {
                try {
                    socket.sendClose(code, reason).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    if (Connector.unwrap(e) instanceof IllegalArgumentException bad) {
                        throw new IllegalArgumentException(bad.getMessage(), bad);
                    }
                    // Otherwise the connection is already going: release it below.
                } catch (TimeoutException e) {
                    // The server does not read: release the connection below.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // awaitEnd then returns at once
                }
            }
            sending.closeSent = true;
        }
        inbox.awaitEnd(deadline);
        socket.abort();
    }

    private Object expect(Predicate<Object> wanted, String what) {
        Object next = next(wanted, what);
        if (next != null && wanted.test(next)) {
            return next;
        }
        throw new AssertionFailedError("expected " + what + " from " + uri + " within " + timeout
                + ", but " + (next == null ? "nothing arrived"
                        : "received " + Inbox.describe(next)));
    }

    /** The next item received, taken when {@code take} accepts it; null after the timeout. */
    Object next(Predicate<Object> take, String awaiting) {
        return inbox.next(System.nanoTime() + timeout.toNanos(), take, awaiting);
    }

    private static Duration positive(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        return timeout;
    }

    URI uri() {
        return uri;
    }

    Duration timeout() {
        return timeout;
    }

    Inbox inbox() {
        return inbox;
    }

    /**
     * What to connect to and how: headers, cookies, subprotocols and the timeout of every wait.
     * Not thread-safe; use it on one thread. It can connect any number of times, each time with
     * its current settings.
     */
    public static final class Builder {

        /**
         * Headers the JDK's client sets itself and refuses from callers: {@code Host},
         * {@code Connection}, {@code Upgrade}, {@code Content-Length}, {@code Expect} and every
         * {@code Sec-WebSocket-*} header.
         */
        private static final Set<String> RESTRICTED =
                Set.of("host", "connection", "upgrade", "content-length", "expect");

        private final URI uri;
        private final List<String[]> headers = new ArrayList<>();
        private final List<String> cookies = new ArrayList<>();
        private final List<String> subprotocols = new ArrayList<>();
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder(URI uri) {
            this.uri = uri;
        }

        /**
         * Adds a request header; calling it again with the same name sends the header twice.
         *
         * @throws IllegalArgumentException for a header the JDK's client sets itself:
         *         {@code Host}, {@code Connection}, {@code Upgrade}, {@code Content-Length},
         *         {@code Expect}, {@code Sec-WebSocket-*} (use {@link #subprotocols} for
         *         {@code Sec-WebSocket-Protocol})
         * @throws IllegalStateException for {@code Cookie} after {@link #cookie}: one request
         *         carries one {@code Cookie} header
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            String lower = name.toLowerCase(Locale.ROOT);
            if (RESTRICTED.contains(lower) || lower.startsWith("sec-websocket-")) {
                throw new IllegalArgumentException("the JDK's WebSocket client sets " + name
                        + " itself" + (lower.equals("sec-websocket-protocol")
                        ? "; use subprotocols(...)" : "") + " (see docs/testing.md)");
            }
            if (lower.equals("cookie") && !cookies.isEmpty()) {
                throw new IllegalStateException("cookie(...) already builds the Cookie header");
            }
            headers.add(new String[] {name, value});
            return this;
        }

        /**
         * Adds a cookie; all cookies go in one {@code Cookie} header, {@code a=1; b=2}, in the
         * order added. To send a malformed header, use {@code header("Cookie", raw)} instead.
         *
         * @throws IllegalArgumentException when {@code name} is empty or holds {@code =}, or
         *         either holds {@code ;}, a comma, or anything but printable ASCII without
         *         space
         * @throws IllegalStateException after {@code header("Cookie", ...)}
         */
        public Builder cookie(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.isEmpty() || name.indexOf('=') >= 0 || !cookieText(name)
                    || !cookieText(value)) {
                throw new IllegalArgumentException("not a cookie: " + name + "=" + value);
            }
            if (headers.stream().anyMatch(h -> h[0].equalsIgnoreCase("cookie"))) {
                throw new IllegalStateException("header(\"Cookie\", ...) already set the header");
            }
            cookies.add(name + "=" + value);
            return this;
        }

        /** The subprotocols to offer, most preferred first; replaces earlier ones. */
        public Builder subprotocols(String... protocols) {
            List<String> list = List.of(protocols);
            subprotocols.clear();
            subprotocols.addAll(list);
            return this;
        }

        /**
         * How long the handshake and each later send and await may take; default
         * {@link TestClient#DEFAULT_TIMEOUT}.
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout);
            return this;
        }

        /**
         * Connects, waiting at most the timeout for the server's {@code 101}.
         *
         * @throws AssertionFailedError when the server refuses the upgrade (the message has the
         *         status and headers), the connection fails, or the timeout passes first
         * @throws IllegalArgumentException when the JDK refuses the URI (not {@code ws://} or
         *         {@code wss://}) or a header name or value
         */
        public TestClient connect() {
            Inbox inbox = new Inbox();
            Object outcome = Connector.open(uri, headers(), subprotocols, timeout, inbox);
            if (outcome instanceof WebSocket socket) {
                return new TestClient(uri, timeout, socket, inbox, new Sending());
            }
            throw new AssertionFailedError("expected the upgrade to " + uri
                    + " to be accepted, but it was rejected with " + outcome);
        }

        /**
         * Attempts the upgrade and returns how the server refused it, waiting at most the
         * timeout.
         *
         * @throws AssertionFailedError when the server accepts (the connection is then closed),
         *         the connection fails, or the timeout passes first
         * @throws IllegalArgumentException as {@link #connect()}
         */
        public Rejection connectExpectingRejection() {
            Inbox inbox = new Inbox();
            Object outcome = Connector.open(uri, headers(), subprotocols, timeout, inbox);
            if (outcome instanceof Rejection rejection) {
                return rejection;
            }
            new TestClient(uri, timeout, (WebSocket) outcome, inbox, new Sending()).close();
            throw new AssertionFailedError("expected the upgrade to " + uri
                    + " to be rejected, but the server accepted it");
        }

        URI uri() {
            return uri;
        }

        /** The headers to send, the cookies joined into one {@code Cookie} header. */
        private List<String[]> headers() {
            List<String[]> all = new ArrayList<>(headers);
            if (!cookies.isEmpty()) {
                all.add(new String[] {"Cookie", String.join("; ", cookies)});
            }
            return all;
        }

        private static boolean cookieText(String s) {
            return s.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ';' && c != ',');
        }
    }
}
