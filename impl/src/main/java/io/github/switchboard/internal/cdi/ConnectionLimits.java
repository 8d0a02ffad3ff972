package io.github.switchboard.internal.cdi;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application's connection limits: total, and per remote address. A handshake reserves a
 * place before the guards run and the connection gives it back when it is finished (or the
 * upgrade does not happen), so concurrent handshakes can never exceed a limit. Thread-safe.
 */
public final class ConnectionLimits {

    /** Connections of the application at once. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /** Connections from one remote address at once. */
    public static final int DEFAULT_MAX_PER_ADDRESS = 1_000;

    private final int max;
    private final int maxPerAddress;
    private int total; // guarded by this
    private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

    ConnectionLimits(int max, int maxPerAddress) {
        this.max = max;
        this.maxPerAddress = maxPerAddress;
    }

    /** The limits from the settings {@code switchboard.max-connections(-per-address)}. */
    static ConnectionLimits fromSettings() {
        return new ConnectionLimits(
                (int) Math.min(Integer.MAX_VALUE, Settings.positiveLong("switchboard.max-connections",
                        DEFAULT_MAX_CONNECTIONS)),
                (int) Math.min(Integer.MAX_VALUE, Settings.positiveLong(
                        "switchboard.max-connections-per-address", DEFAULT_MAX_PER_ADDRESS)));
    }

    /** Why a place was refused. */
    public enum Refusal { TOTAL, ADDRESS }

    /** Takes a place for a connection from {@code address} (null: unknown); null when granted. */
    public synchronized Refusal reserve(InetAddress address) {
        if (total >= max) {
            return Refusal.TOTAL;
        }
        if (address != null && perAddress.getOrDefault(address, 0) >= maxPerAddress) {
            return Refusal.ADDRESS;
        }
        total++;
        if (address != null) {
            perAddress.merge(address, 1, Integer::sum);
        }
        return null;
    }

    /** Gives back a place that {@link #reserve} granted. */
    public synchronized void release(InetAddress address) {
        total--;
        if (address != null) {
            perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** Places taken now. */
    public synchronized int taken() {
        return total;
    }
}
