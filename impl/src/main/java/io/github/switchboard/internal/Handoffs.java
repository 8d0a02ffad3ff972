package io.github.switchboard.internal;

import io.github.switchboard.Attachments;
import io.github.switchboard.Handshake;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the Servlet guard filter decided for an upgrade, waiting for the container's
 * {@code modifyHandshake} of the same request (DESIGN.md §3 "Rejection"). Keyed by the request's
 * {@code Sec-WebSocket-Key}: an entry is taken (removed) by the one handshake that reads it, or
 * withdrawn by the filter when its request ends, whichever comes first, so an entry never
 * outlives its request and never serves a second handshake. A key that is already waiting is
 * refused rather than shared: two concurrent requests with one key would otherwise be
 * indistinguishable here.
 *
 * <p>Static because the container creates the filter and the configurator independently; the
 * class lives in the application's impl jar, so the map is per application. Thread-safe.
 */
public final class Handoffs {

    /**
     * One accepted upgrade. Equal only to itself: a request withdraws its own entry, never an
     * equal-looking one of another request.
     */
    public static final class Entry {
        private final String endpointPath;
        private final Handshake handshake;
        private final Attachments data;

        /** @param endpointPath the template the filter matched, checked against the container's */
        public Entry(String endpointPath, Handshake handshake, Attachments data) {
            this.endpointPath = endpointPath;
            this.handshake = handshake;
            this.data = data;
        }

        public String endpointPath() {
            return endpointPath;
        }

        public Handshake handshake() {
            return handshake;
        }

        public Attachments data() {
            return data;
        }
    }

    private static final Map<String, Entry> WAITING = new ConcurrentHashMap<>();

    private Handoffs() {
    }

    /** Offers {@code entry} for {@code key}; false (nothing stored) when the key is already waiting. */
    public static boolean offer(String key, Entry entry) {
        return WAITING.putIfAbsent(key, entry) == null;
    }

    /** Whether an entry waits for {@code key}. */
    public static boolean waiting(String key) {
        return WAITING.containsKey(key);
    }

    /** Takes the entry for {@code key}, or null; a taken entry is gone. */
    public static Entry take(String key) {
        return key == null ? null : WAITING.remove(key);
    }

    /** The filter's request has ended: removes {@code entry} if nobody took it. */
    public static void withdraw(String key, Entry entry) {
        WAITING.remove(key, entry);
    }

    /** How many entries wait: for tests. */
    public static int size() {
        return WAITING.size();
    }
}
