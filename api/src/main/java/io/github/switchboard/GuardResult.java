package io.github.switchboard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link HandshakeGuard} decided: accept (optionally attaching typed data) or reject with
 * an HTTP status. Immutable; the factory methods validate their input so that a rejection can
 * always be written as a well-formed HTTP response.
 */
public sealed interface GuardResult permits GuardResult.Accept, GuardResult.Reject {

    /** Accept and attach nothing. */
    static Accept accept() {
        return Accept.NOTHING;
    }

    /** Accept and attach {@code value} under {@code key}. */
    static <T> Accept accept(Key<T> key, T value) {
        return accept().with(key, value);
    }

    /** Accept and attach {@code value} by its type ({@link Key#of(Class)}). */
    static <T> Accept accept(Class<T> type, T value) {
        return accept().with(type, value);
    }

    /**
     * Reject the upgrade with {@code status} and a reason phrase.
     *
     * @param status a client or server error, 400 to 599. Statuses below 400 are refused: a
     *        WebSocket container opens the socket anyway for some of them.
     * @param reason the HTTP reason phrase, printable ASCII (it goes on the status line); empty
     *        means the standard phrase for the status
     * @throws IllegalArgumentException on a status outside 400-599 or a reason that is not
     *         printable ASCII or is longer than 200 characters
     */
    static Reject reject(int status, String reason) {
        return new Reject(status, reason, Map.of());
    }

    /** Accepts the upgrade; {@link #data()} is what it attaches. */
    record Accept(Attachments data) implements GuardResult {

        private static final Accept NOTHING = new Accept(Attachments.empty());

        public Accept {
            Objects.requireNonNull(data, "data");
        }

        /** A copy that also attaches {@code value} under {@code key}. */
        public <T> Accept with(Key<T> key, T value) {
            return new Accept(data.with(key, value));
        }

        /** A copy that also attaches {@code value} by its type. */
        public <T> Accept with(Class<T> type, T value) {
            return new Accept(data.with(type, value));
        }

        /**
         * A copy that also gives the connection an expiry (for example a token's {@code exp}):
         * {@code with(Connection.EXPIRES_AT, instant)}. At that instant the connection is closed
         * with {@link Connection#CREDENTIALS_EXPIRED} unless {@link Connection#extendUntil} moved
         * it. When several guards attach one, the earliest wins.
         *
         * @param instant when the credentials expire; not null
         */
        public Accept expiresAt(java.time.Instant instant) {
            return with(Connection.EXPIRES_AT, Objects.requireNonNull(instant, "instant"));
        }
    }

    /**
     * Rejects the upgrade: the client gets this status, reason and headers, no endpoint instance
     * is created and the TCP connection is closed.
     *
     * @param status  400 to 599
     * @param reason  the reason phrase, printable ASCII, at most 200 characters
     * @param headers extra response headers by name (for example {@code WWW-Authenticate},
     *                {@code Retry-After}); names are HTTP tokens, values printable ASCII
     */
    record Reject(int status, String reason, Map<String, List<String>> headers)
            implements GuardResult {

        /**
         * Headers a rejection may not set: they belong to the upgrade or to the framing of the
         * response, which Switchboard writes itself. Names starting with {@code X-Switchboard-}
         * are Switchboard's own and refused as well.
         */
        public static final Set<String> RESERVED_HEADERS = Set.of("upgrade", "connection",
                "content-length", "transfer-encoding", "sec-websocket-accept",
                "sec-websocket-extensions", "sec-websocket-protocol", "sec-websocket-version",
                "sec-websocket-key");

        public Reject {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("a guard rejects with a status from 400 to 599, "
                        + "not " + status + " (statuses below 400 let the container upgrade anyway)");
            }
            Objects.requireNonNull(reason, "reason");
            if (reason.length() > 200 || !isPrintableAscii(reason, true)) {
                throw new IllegalArgumentException(
                        "a reason phrase must be printable ASCII and at most 200 characters");
            }
            Objects.requireNonNull(headers, "headers");
            Map<String, List<String>> copy = new LinkedHashMap<>();
            headers.forEach((name, values) -> {
                checkHeaderName(name);
                List<String> vs = List.copyOf(values);
                vs.forEach(Reject::checkHeaderValue);
                copy.put(name, vs);
            });
            headers = Collections.unmodifiableMap(copy);
        }

        /** A copy with one more header value (for example {@code WWW-Authenticate}). */
        public Reject withHeader(String name, String value) {
            checkHeaderName(name);
            checkHeaderValue(value);
            Map<String, List<String>> copy = new LinkedHashMap<>(headers);
            List<String> values = new ArrayList<>(copy.getOrDefault(name, List.of()));
            values.add(value);
            copy.put(name, values);
            return new Reject(status, reason, copy);
        }

        private static void checkHeaderName(String name) {
            Objects.requireNonNull(name, "header name");
            if (name.isEmpty() || !name.chars().allMatch(Reject::isTokenChar)) {
                throw new IllegalArgumentException("not an HTTP header name: " + name);
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (RESERVED_HEADERS.contains(lower) || lower.startsWith("x-switchboard-")) {
                throw new IllegalArgumentException(
                        "a rejection cannot set the " + name + " header");
            }
        }

        private static void checkHeaderValue(String value) {
            Objects.requireNonNull(value, "header value");
            if (value.length() > 4096 || !isPrintableAscii(value, true)) {
                throw new IllegalArgumentException(
                        "a header value must be printable ASCII and at most 4096 characters");
            }
        }

        private static boolean isTokenChar(int c) {
            return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
        }

        private static boolean isPrintableAscii(String s, boolean allowSpace) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 32 || c > 126) {
                    if (!(allowSpace && c == '\t')) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
