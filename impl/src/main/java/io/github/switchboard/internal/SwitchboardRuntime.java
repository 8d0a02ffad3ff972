package io.github.switchboard.internal;

import io.github.switchboard.internal.cdi.ConnectionServices;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the configurator needs from the application it serves: its CDI container (for guards),
 * and its server-wide settings. One per embedded server, found by the secret that server's filter
 * puts on each handshake; one per application on other containers, from {@code CDI.current()}.
 *
 * <p>Thread-safe. The registry of embedded runtimes is static because Tyrus instantiates the
 * configurator reflectively and gives it no way to reach the server; it holds servers, never
 * connection data.
 */
public final class SwitchboardRuntime {

    /** The system property with the server-wide allowed origins: a comma-separated list or *. */
    public static final String ORIGINS_PROPERTY = "switchboard.allowed-origins";

    private static final Map<String, SwitchboardRuntime> EMBEDDED = new ConcurrentHashMap<>();
    private static volatile SwitchboardRuntime containerRuntime;

    private final String secret;
    private final GuardRunner guards;
    private final ConnectionServices connections;
    private final OriginPolicy origins;
    private final Set<String> hostNames;
    private final String bindHost;

    /**
     * @param hostNames the configured names browsers may use in {@code Host} (see
     *                  {@link ServedHosts}); empty for none
     * @param bindHost  the host an embedded server is bound with, or null
     */
    public SwitchboardRuntime(String secret, BeanManager beanManager, OriginPolicy origins,
            Set<String> hostNames, String bindHost) {
        this(secret, beanManager, origins, hostNames, bindHost, 0);
    }

    /** @param idleMillis the idle timeout the embedded server enforces by default; 0: none */
    public SwitchboardRuntime(String secret, BeanManager beanManager, OriginPolicy origins,
            Set<String> hostNames, String bindHost, long idleMillis) {
        this.secret = secret;
        this.connections = beanManager == null ? null
                : new ConnectionServices(beanManager, idleMillis);
        this.guards = beanManager == null ? GuardRunner.none()
                : new GuardRunner(beanManager, connections::activateRequestScope);
        this.origins = origins;
        this.hostNames = Set.copyOf(hostNames);
        this.bindHost = bindHost;
    }

    /** Makes an embedded server's runtime findable by its secret until {@link #unregister}. */
    public static void register(SwitchboardRuntime runtime) {
        EMBEDDED.put(runtime.secret, runtime);
    }

    public static void unregister(SwitchboardRuntime runtime) {
        EMBEDDED.remove(runtime.secret, runtime);
    }

    /** The running embedded server's runtime with {@code secret}, if any. */
    static Optional<SwitchboardRuntime> embedded(String secret) {
        return Optional.ofNullable(EMBEDDED.get(secret));
    }

    /** The runtime of an application deployed in a Jakarta EE container. */
    static SwitchboardRuntime container() {
        SwitchboardRuntime r = containerRuntime;
        if (r == null) {
            synchronized (SwitchboardRuntime.class) {
                r = containerRuntime;
                if (r == null) {
                    BeanManager bm;
                    try {
                        bm = CDI.current().getBeanManager();
                    } catch (IllegalStateException | NoClassDefFoundError e) {
                        // Fail closed, and do not remember the failure: the next handshake tries
                        // again (CDI may still be starting).
                        throw new IllegalStateException("SWB-1003 no CDI container is available, "
                                + "so the handshake guards cannot run; refusing the upgrade", e);
                    }
                    r = new SwitchboardRuntime("container", bm, originsFromSystemProperty(),
                            Set.of(), null);
                    containerRuntime = r;
                }
            }
        }
        return r;
    }

    /** The server-wide origins from {@value #ORIGINS_PROPERTY}, or same-origin. */
    public static OriginPolicy originsFromSystemProperty() {
        String value = System.getProperty(ORIGINS_PROPERTY, "").trim();
        if (value.isEmpty()) {
            return OriginPolicy.sameOrigin();
        }
        List<String> entries = Arrays.stream(value.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
        return OriginPolicy.of(entries);
    }

    public String secret() {
        return secret;
    }

    GuardRunner guards() {
        return guards;
    }

    /** The connection services, for the embedded server's idle sweep; null without CDI. */
    public ConnectionServices services() {
        return connections;
    }

    /** Resolves (and checks) the options of an endpoint class. */
    public void options(Class<?> endpoint) {
        if (connections != null) {
            connections.options(endpoint);
        }
    }

    /** The connection services of this runtime's CDI container; null without one (unit tests). */
    ConnectionServices connections() {
        return connections;
    }

    OriginPolicy origins() {
        return origins;
    }

    /** The names browsers may use in {@code Host} for a connection that arrived on {@code local}. */
    Set<String> servedHosts(java.net.InetSocketAddress local) {
        return ServedHosts.forConnection(hostNames, bindHost, local);
    }

    /** A policy restricted to the names served on one local address (see {@link #originsFor}). */
    private record Served(OriginPolicy policy, java.net.InetSocketAddress local) {
    }

    /** At most this many are cached; a server listens on a handful of local addresses. */
    private static final int SERVED_CACHE_LIMIT = 64;
    private final Map<Served, OriginPolicy> servedPolicies = new ConcurrentHashMap<>();

    /**
     * {@code policy} restricted to the host names served on {@code local} (null when unknown):
     * the same for every handshake that arrives on the same address, so it is made once per
     * policy and address rather than per handshake.
     */
    OriginPolicy originsFor(OriginPolicy policy, java.net.InetSocketAddress local) {
        Served key = new Served(policy, local);
        OriginPolicy p = servedPolicies.get(key);
        if (p == null) {
            p = policy.servingOnly(servedHosts(local));
            if (servedPolicies.size() < SERVED_CACHE_LIMIT) {
                servedPolicies.put(key, p);
            }
        }
        return p;
    }
}
