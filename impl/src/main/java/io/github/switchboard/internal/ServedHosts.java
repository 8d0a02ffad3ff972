package io.github.switchboard.internal;

import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The host names a same-origin browser request may put in {@code Host}: the defence against DNS
 * rebinding (a page whose name was re-pointed at the server sends an {@code Origin} equal to its
 * own {@code Host}). Configured names are always served; a connection that arrived on a loopback
 * address is also served under the loopback names and the name the server was bound with, which
 * covers a server bound to loopback and one bound to every interface alike. An empty result
 * means no restriction (a non-loopback connection and no names configured).
 *
 * <p>Stateless and thread-safe.
 */
public final class ServedHosts {

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    private ServedHosts() {
    }

    /**
     * @param configured names given to the server (lower-cased, without port)
     * @param bindHost   the host the server was bound with, or null
     * @param local      the server address the connection arrived on, or null when unknown
     */
    public static Set<String> forConnection(Set<String> configured, String bindHost,
            InetSocketAddress local) {
        boolean loopback = local != null && local.getAddress() != null
                && local.getAddress().isLoopbackAddress();
        if (!loopback) {
            return configured;
        }
        Set<String> hosts = new LinkedHashSet<>(configured);
        hosts.addAll(LOOPBACK_NAMES);
        String address = local.getAddress().getHostAddress();
        hosts.add(address.indexOf(':') >= 0 ? "[" + address + "]" : address);
        if (bindHost != null && !bindHost.isBlank() && !isWildcard(bindHost)) {
            String h = bindHost.trim().toLowerCase(Locale.ROOT);
            hosts.add(h.indexOf(':') >= 0 && !h.startsWith("[") ? "[" + h + "]" : h);
        }
        return hosts;
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }
}
