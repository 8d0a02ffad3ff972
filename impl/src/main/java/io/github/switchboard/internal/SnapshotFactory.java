package io.github.switchboard.internal;

import io.github.switchboard.Handshake;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the immutable {@link Handshake} from what the container hands to
 * {@code modifyHandshake}, once per upgrade (DESIGN.md §3 "The handshake snapshot").
 *
 * <p>Stateless and thread-safe.
 */
public final class SnapshotFactory {

    /** The most header lines a snapshot keeps; Grizzly itself stops at 100 (DESIGN.md §4). */
    public static final int MAX_HEADERS = 256;

    /**
     * Raised when the request exceeds a snapshot limit or its target is not a valid URI; the
     * handshake is refused with 400.
     */
    public static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The container-neutral view of an upgrade request.
     *
     * @param requestUri   the URI as the container gives it (may lack the query)
     * @param rawQuery     the raw query string, or null
     * @param headers      the container's header map (names in any case, values possibly split)
     * @param principal    the authenticated user, or null
     * @param capture      the embedded server's exact capture, or null on other containers
     * @param splitsCommas whether the container is known to split header values on commas
     * @param remote       the client address as the container reports it, or null
     * @param secure       whether the container reports a TLS connection
     */
    public record Request(URI requestUri, String rawQuery, Map<String, List<String>> headers,
            java.security.Principal principal, RawCapture capture, boolean splitsCommas,
            InetSocketAddress remote, boolean secure) {
    }

    private SnapshotFactory() {
    }

    /**
     * The snapshot of {@code request} for an endpoint mapped to {@code endpointPath}.
     *
     * @throws BadRequest when the request has more headers, cookies or query parameters than
     *         the limits allow, or a query that cannot be part of a URI (the caller answers 400)
     */
    public static Handshake create(Request request, String endpointPath) throws BadRequest {
        Map<String, List<String>> headers = request.capture() != null
                ? lowerCased(request.capture().headers())
                : lowerCased(request.headers());

        String rawPath = request.requestUri().getRawPath() == null ? "/"
                : request.requestUri().getRawPath();
        String rawQuery = request.rawQuery() != null ? request.rawQuery()
                : request.requestUri().getRawQuery();

        QueryParser.Result query = QueryParser.parse(rawQuery);
        if (query.overflow()) {
            throw new BadRequest("more than " + QueryParser.MAX_PARAMETERS + " query parameters");
        }
        List<String> cookieHeaders = headers.getOrDefault("cookie", List.of());
        CookieParser.Result cookies = CookieParser.parse(cookieHeaders);
        if (cookies.overflow()) {
            throw new BadRequest("more than " + CookieParser.MAX_COOKIES + " cookies");
        }
        // Exact when captured raw. Otherwise a container that splits on commas turns one Cookie
        // header into several values, and may have dropped text (DESIGN.md §4): one value means
        // nothing was split. A container that does not split is trusted as it reports.
        // Tyrus also treats a value that starts with a quote as one quoted string and drops
        // what follows its closing quote: `"x=1"; sid=a` arrives as `"x=1"`.
        boolean cookiesTrusted = request.capture() != null || !request.splitsCommas()
                || cookieHeaders.isEmpty()
                || (cookieHeaders.size() == 1 && !cookieHeaders.get(0).trim().startsWith("\""));

        List<String> subprotocols = new ArrayList<>();
        for (String v : headers.getOrDefault("sec-websocket-protocol", List.of())) {
            for (String p : v.split(",")) {
                String t = p.trim();
                if (!t.isEmpty()) {
                    subprotocols.add(t);
                }
            }
        }

        URI uri = request.requestUri();
        boolean secure;
        InetSocketAddress remote;
        if (request.capture() != null) {
            secure = request.capture().secure();
            remote = request.capture().remote();
        } else {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            secure = request.secure() || scheme.equals("wss") || scheme.equals("https");
            remote = request.remote();
        }
        if (uri.getRawQuery() == null && rawQuery != null && !rawQuery.isEmpty()) {
            try {
                // Browsers leave characters such as { } | ^ unencoded in queries; encode them.
                uri = new URI(uri.toString() + "?" + UriText.query(rawQuery));
            } catch (URISyntaxException e) { // not expected after encoding: refuse, never crash
                throw new BadRequest("the query string cannot be part of a URI");
            }
        }

        return new HandshakeSnapshot(uri,
                PathTemplate.decodePath(PathTemplate.withoutParameters(rawPath)), endpointPath,
                PathTemplate.match(endpointPath, rawPath), query.parameters(), headers,
                cookies.cookies(), cookiesTrusted, List.copyOf(subprotocols), remote,
                request.principal(), secure);
    }

    private static Map<String, List<String>> lowerCased(Map<String, List<String>> in)
            throws BadRequest {
        List<Map.Entry<String, String>> lines = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : in.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                continue;
            }
            for (String v : e.getValue()) {
                if (v != null) {
                    lines.add(Map.entry(e.getKey(), v));
                }
            }
        }
        return lowerCased(lines);
    }

    private static Map<String, List<String>> lowerCased(List<Map.Entry<String, String>> lines)
            throws BadRequest {
        if (lines.size() > MAX_HEADERS) {
            throw new BadRequest("more than " + MAX_HEADERS + " header lines");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> line : lines) {
            String name = line.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("x-switchboard-")) {
                continue; // Switchboard's own transport, never application data
            }
            out.computeIfAbsent(name, k -> new ArrayList<>(1)).add(line.getValue());
        }
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        out.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(frozen);
    }
}
