package io.github.switchboard;

import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The WebSocket upgrade request, captured once before the upgrade into an immutable snapshot:
 * Bun's {@code req} in {@code fetch(req, server)}. Guards see it before any endpoint exists, and
 * every callback of the connection reads the same instance.
 *
 * <p>Header names are case-insensitive (stored lower-cased); header, query and cookie values keep
 * every occurrence in request order. Everything is immutable and safe to share between threads.
 * {@code toString()} redacts secrets: cookie values, {@code Authorization}, query values and
 * subprotocols never appear in it.
 */
public interface Handshake {

    /** The key under which the handshake is stored in the connection's user properties. */
    String USER_PROPERTY = "io.github.switchboard.Handshake";

    /** The request URI as the container reports it, query string included. */
    URI requestUri();

    /**
     * The decoded request path, without the query string and without matrix parameters
     * ({@code ;name=value} in a segment), which the container ignores when it matches the
     * endpoint: the path the endpoint was chosen by.
     */
    String path();

    /** The path template of the endpoint that was matched, for example {@code /chat/{room}}. */
    String endpointPath();

    /** The values of the path template's variables, by variable name. */
    Map<String, String> pathParameters();

    /** One path template variable. */
    default Optional<String> pathParameter(String name) {
        return Optional.ofNullable(pathParameters().get(Objects.requireNonNull(name, "name")));
    }

    /** Every query parameter with all its values, percent-decoded as UTF-8, in request order. */
    Map<String, List<String>> queryParameters();

    /** The first value of a query parameter. */
    default Optional<String> queryParameter(String name) {
        return queryParameters(name).stream().findFirst();
    }

    /** All values of a query parameter, in request order; empty when absent. */
    default List<String> queryParameters(String name) {
        return queryParameters().getOrDefault(Objects.requireNonNull(name, "name"), List.of());
    }

    /**
     * Every header with all its values, keyed by the lower-cased name. Switchboard's own
     * internal headers are not included.
     */
    Map<String, List<String>> headers();

    /** The lower-cased names of the headers present. */
    default Set<String> headerNames() {
        return headers().keySet();
    }

    /** The first value of a header; the name is matched case-insensitively. */
    default Optional<String> header(String name) {
        return headers(name).stream().findFirst();
    }

    /** All values of a header in request order; the name is matched case-insensitively. */
    default List<String> headers(String name) {
        return headers().getOrDefault(
                Objects.requireNonNull(name, "name").toLowerCase(java.util.Locale.ROOT), List.of());
    }

    /**
     * The request's cookies in header order, duplicates kept (RFC 6265 allows several cookies of
     * one name, for example from different paths). See {@link #cookiesTrusted()}.
     */
    List<RequestCookie> cookies();

    /** The value of the first cookie with this exact (case-sensitive) name. */
    default Optional<String> cookie(String name) {
        Objects.requireNonNull(name, "name");
        return cookies().stream().filter(c -> c.name().equals(name)).map(RequestCookie::value)
                .findFirst();
    }

    /** The values of every cookie with this exact name, in header order. */
    default List<String> cookies(String name) {
        Objects.requireNonNull(name, "name");
        return cookies().stream().filter(c -> c.name().equals(name)).map(RequestCookie::value)
                .toList();
    }

    /**
     * Whether {@link #cookies()} is known to be exactly what the client sent. It is {@code true}
     * on the embedded server, which reads the raw {@code Cookie} header before the WebSocket
     * container parses it. On other containers it is {@code false} when the container's header
     * handling may have altered the header (Tyrus splits header values on commas and can drop
     * text after {@code ,"}); treat security cookies as absent when it is {@code false}.
     */
    boolean cookiesTrusted();

    /**
     * The {@code Origin} header when exactly one was sent. A repeated or comma-joined
     * {@code Origin} is refused before any guard runs, so guards never see one.
     */
    Optional<String> origin();

    /** The subprotocols the client requested, in its order of preference. */
    List<String> subprotocols();

    /** The client's address, where the container exposes it (the embedded server does). */
    Optional<InetSocketAddress> remoteAddress();

    /** The authenticated user, where the container authenticated the request. */
    Optional<Principal> userPrincipal();

    /** Whether the request arrived over TLS ({@code wss:}). */
    boolean secure();

    /**
     * The handshake of a connection opened through the Switchboard configurator.
     *
     * @throws IllegalStateException if the endpoint does not use the Switchboard configurator
     */
    static Handshake of(Session session) {
        return from(Objects.requireNonNull(session, "session").getUserProperties());
    }

    /**
     * The handshake from the {@code EndpointConfig} passed to {@code @OnOpen}.
     *
     * @throws IllegalStateException if the endpoint does not use the Switchboard configurator
     */
    static Handshake of(EndpointConfig config) {
        return from(Objects.requireNonNull(config, "config").getUserProperties());
    }

    private static Handshake from(Map<String, Object> userProperties) {
        if (userProperties.get(USER_PROPERTY) instanceof Handshake h) {
            return h;
        }
        throw new IllegalStateException("no Switchboard handshake on this connection: declare "
                + "@ServerEndpoint(configurator = SwitchboardConfigurator.class)");
    }
}
