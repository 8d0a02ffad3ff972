package io.github.switchboard.internal;

import io.github.switchboard.Handshake;
import io.github.switchboard.RequestCookie;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The immutable {@link Handshake} that {@link SnapshotFactory} builds once per upgrade. Every
 * field is an unmodifiable copy; nothing refers back to the container's request object, which the
 * container may recycle after the upgrade.
 */
final class HandshakeSnapshot implements Handshake {

    /** Headers whose values {@link #toString()} may print: never credentials or identifiers. */
    private static final Set<String> PRINTABLE_HEADERS =
            Set.of("host", "origin", "sec-websocket-version", "upgrade", "connection");

    private final URI requestUri;
    private final String path;
    private final String endpointPath;
    private final Map<String, String> pathParameters;
    private final Map<String, List<String>> queryParameters;
    private final Map<String, List<String>> headers;
    private final List<RequestCookie> cookies;
    private final boolean cookiesTrusted;
    private final List<String> subprotocols;
    private final InetSocketAddress remoteAddress;
    private final Principal userPrincipal;
    private final boolean secure;

    HandshakeSnapshot(URI requestUri, String path, String endpointPath,
            Map<String, String> pathParameters, Map<String, List<String>> queryParameters,
            Map<String, List<String>> headers, List<RequestCookie> cookies, boolean cookiesTrusted,
            List<String> subprotocols, InetSocketAddress remoteAddress, Principal userPrincipal,
            boolean secure) {
        this.requestUri = requestUri;
        this.path = path;
        this.endpointPath = endpointPath;
        this.pathParameters = pathParameters;
        this.queryParameters = queryParameters;
        this.headers = headers;
        this.cookies = cookies;
        this.cookiesTrusted = cookiesTrusted;
        this.subprotocols = subprotocols;
        this.remoteAddress = remoteAddress;
        this.userPrincipal = userPrincipal;
        this.secure = secure;
    }

    @Override
    public URI requestUri() {
        return requestUri;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String endpointPath() {
        return endpointPath;
    }

    @Override
    public Map<String, String> pathParameters() {
        return pathParameters;
    }

    @Override
    public Map<String, List<String>> queryParameters() {
        return queryParameters;
    }

    @Override
    public Map<String, List<String>> headers() {
        return headers;
    }

    @Override
    public List<RequestCookie> cookies() {
        return cookies;
    }

    @Override
    public boolean cookiesTrusted() {
        return cookiesTrusted;
    }

    @Override
    public Optional<String> origin() {
        List<String> origins = headers.getOrDefault("origin", List.of());
        return origins.size() == 1 ? Optional.of(origins.get(0)) : Optional.empty();
    }

    @Override
    public List<String> subprotocols() {
        return subprotocols;
    }

    @Override
    public Optional<InetSocketAddress> remoteAddress() {
        return Optional.ofNullable(remoteAddress);
    }

    @Override
    public Optional<Principal> userPrincipal() {
        return Optional.ofNullable(userPrincipal);
    }

    @Override
    public boolean secure() {
        return secure;
    }

    /**
     * Says what arrived without saying anything secret: the endpoint template instead of the path
     * (path segments can carry tokens), parameter and cookie names without values, header names
     * with values only for a few harmless headers, the number of subprotocols.
     */
    @Override
    public String toString() {
        StringJoiner h = new StringJoiner(", ", "[", "]");
        headers.forEach((name, values) -> h.add(PRINTABLE_HEADERS.contains(name)
                ? name + "=" + values : name + "=<redacted>"));
        StringJoiner c = new StringJoiner(", ", "[", "]");
        cookies.forEach(cookie -> c.add(cookie.toString()));
        return "Handshake[endpoint=" + endpointPath
                + ", pathParameters=" + pathParameters.keySet()
                + ", query=" + queryParameters.keySet()
                + ", headers=" + h
                + ", cookies=" + c + (cookiesTrusted ? "" : " (untrusted)")
                + ", subprotocols=" + subprotocols.size()
                + ", remote=" + (remoteAddress == null ? "unknown" : remoteAddress)
                + ", principal=" + (userPrincipal == null ? "none" : "present")
                + ", secure=" + secure + "]";
    }
}
