package io.github.switchboard.internal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a handshake's {@code Origin} is acceptable (DESIGN.md §3 "Origin"):
 * <ul>
 *   <li>no {@code Origin} header: not a browser, allowed (browsers always send it on WebSocket
 *       upgrades; other clients can send anything, so Origin is no authentication);</li>
 *   <li>a repeated or comma-joined {@code Origin}: refused, whatever the policy (Tyrus joins two
 *       headers as {@code a, b}, DESIGN.md §4);</li>
 *   <li>same-origin (the default): the origin's scheme, host and port equal the request's
 *       {@code Host} and transport;</li>
 *   <li>an allow-list: exact match after normalisation (scheme and host lower-cased, default port
 *       made explicit), never substring or pattern matching;</li>
 *   <li>allow-all: only when chosen explicitly.</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class OriginPolicy {

    /** The longest host accepted: a DNS name has at most 253 characters; IPv6 literals fit. */
    static final int MAX_HOST_LENGTH = 255;

    private static final OriginPolicy SAME_ORIGIN = new OriginPolicy(Mode.SAME_ORIGIN, Set.of());
    private static final OriginPolicy ALLOW_ALL = new OriginPolicy(Mode.ALLOW_ALL, Set.of());

    private enum Mode { SAME_ORIGIN, ALLOW_LIST, ALLOW_ALL }

    private final Mode mode;
    /** Normalised origins, {@code scheme://host:port}. */
    private final Set<String> allowed;
    /**
     * Same-origin only: the lower-cased host names the server answers to ({@code [::1]} style
     * for IPv6); empty means any. Without it, a DNS-rebinding page whose name now points at the
     * server sends an {@code Origin} equal to its {@code Host} and passes.
     */
    private final Set<String> servedHosts;

    private OriginPolicy(Mode mode, Set<String> allowed) {
        this(mode, allowed, Set.of());
    }

    private OriginPolicy(Mode mode, Set<String> allowed, Set<String> servedHosts) {
        this.mode = mode;
        this.allowed = allowed;
        this.servedHosts = servedHosts;
    }

    /**
     * This policy, but when it is same-origin, also requiring the request's {@code Host} to name
     * one of {@code hosts} (defends against DNS rebinding). Other modes are returned unchanged:
     * an explicit origin list or allow-all already decides without trusting {@code Host}.
     */
    public OriginPolicy servingOnly(Set<String> hosts) {
        if (mode != Mode.SAME_ORIGIN || hosts.isEmpty()) {
            return this;
        }
        Set<String> lower = new LinkedHashSet<>();
        hosts.forEach(h -> lower.add(h.trim().toLowerCase(Locale.ROOT)));
        return new OriginPolicy(mode, allowed, Set.copyOf(lower));
    }

    public static OriginPolicy sameOrigin() {
        return SAME_ORIGIN;
    }

    public static OriginPolicy allowAll() {
        return ALLOW_ALL;
    }

    /**
     * The policy for a list of origins as written in configuration: {@code ["*"]} is allow-all,
     * an empty list is same-origin, anything else an exact allow-list.
     *
     * @throws IllegalArgumentException naming the entry that is not an origin, or when
     *         {@code "*"} is mixed with other entries
     */
    public static OriginPolicy of(Collection<String> origins) {
        if (origins.isEmpty()) {
            return SAME_ORIGIN;
        }
        if (origins.contains("*")) {
            if (origins.size() != 1) {
                throw new IllegalArgumentException(
                        "allowed origins: \"*\" (any origin) cannot be combined with other entries");
            }
            return ALLOW_ALL;
        }
        Set<String> normalised = new LinkedHashSet<>();
        for (String o : origins) {
            normalised.add(normalise(o.trim()).orElseThrow(() -> new IllegalArgumentException(
                    "allowed origins: not an origin (scheme://host[:port]): '" + o + "'")));
        }
        return new OriginPolicy(Mode.ALLOW_LIST, Set.copyOf(normalised));
    }

    /** Why a handshake was refused, or empty when it is allowed. */
    public Optional<String> refusal(List<String> originValues, Optional<String> host, boolean secure) {
        if (originValues.isEmpty()) {
            return Optional.empty();
        }
        if (originValues.size() > 1 || originValues.get(0).indexOf(',') >= 0) {
            return Optional.of("repeated Origin header");
        }
        if (mode == Mode.ALLOW_ALL) {
            return Optional.empty();
        }
        Optional<String> origin = normalise(originValues.get(0).trim());
        if (origin.isEmpty()) {
            return Optional.of("malformed Origin");
        }
        if (mode == Mode.ALLOW_LIST) {
            return allowed.contains(origin.get()) ? Optional.empty()
                    : Optional.of("Origin not in the allowed list");
        }
        Optional<String> self = host.flatMap(h -> normalise((secure ? "https://" : "http://") + h.trim()));
        if (self.isEmpty()) {
            return Optional.of("no valid Host header to compare the Origin with");
        }
        if (!self.get().equals(origin.get())) {
            return Optional.of("cross-origin request");
        }
        if (!servedHosts.isEmpty()) {
            String hostPart = self.get().substring(self.get().indexOf("://") + 3,
                    self.get().lastIndexOf(':'));
            if (!servedHosts.contains(hostPart)) {
                return Optional.of("Host is not a name this server answers to");
            }
        }
        return Optional.empty();
    }

    /**
     * {@code scheme://host:port} with scheme and host lower-cased and the port explicit, or empty
     * when {@code s} is not exactly an http(s) or ws(s) origin (no path, query, user info).
     */
    static Optional<String> normalise(String s) {
        int sep = s.indexOf("://");
        if (sep <= 0) {
            return Optional.empty();
        }
        String scheme = s.substring(0, sep).toLowerCase(Locale.ROOT);
        int defaultPort;
        switch (scheme) {
            case "http", "ws" -> defaultPort = 80;
            case "https", "wss" -> defaultPort = 443;
            default -> {
                return Optional.empty();
            }
        }
        String authority = s.substring(sep + 3);
        if (authority.isEmpty()) {
            return Optional.empty();
        }
        String host;
        String portText = null;
        if (authority.startsWith("[")) { // IPv6 literal
            int close = authority.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            host = authority.substring(0, close + 1);
            String rest = authority.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return Optional.empty();
                }
                portText = rest.substring(1);
            }
            String literal = host.substring(1, host.length() - 1);
            if (literal.indexOf(':') < 0 || !literal.chars().allMatch(
                    c -> isAsciiHexDigit(c) || c == ':' || c == '.')) {
                return Optional.empty();
            }
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
            if (host.isEmpty() || !host.chars().allMatch(OriginPolicy::isHostChar)) {
                return Optional.empty();
            }
        }
        // Limits apply to the parts, so an origin and its normalised form get the same verdict.
        if (host.length() > MAX_HOST_LENGTH) {
            return Optional.empty();
        }
        int port = defaultPort;
        if (portText != null) {
            if (portText.isEmpty() || portText.length() > 5
                    || !portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            port = Integer.parseInt(portText);
            if (port < 1 || port > 65535) {
                return Optional.empty();
            }
        }
        // ws and http share an origin: a browser page on http://h talks to ws://h.
        String webScheme = defaultPort == 443 ? "https" : "http";
        return Optional.of(webScheme + "://" + host.toLowerCase(Locale.ROOT) + ":" + port);
    }

    private static boolean isAsciiHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isHostChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_';
    }

    @Override
    public String toString() {
        return switch (mode) {
            case SAME_ORIGIN -> servedHosts.isEmpty() ? "same-origin"
                    : "same-origin on hosts " + servedHosts;
            case ALLOW_ALL -> "any origin";
            case ALLOW_LIST -> "origins " + allowed;
        };
    }
}
