package io.github.switchboard.internal.undertow;

import io.github.switchboard.internal.cdi.ConnectionServices;
import io.github.switchboard.internal.cdi.ContainerCreation;
import io.github.switchboard.internal.cdi.ContainerHooks;
import io.github.switchboard.internal.cdi.SwitchboardConnection;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Undertow's answers to what the JSR API does not say (DESIGN.md §5, "Undertow without a
 * Session parameter"), read from Undertow 2.3's classes by reflection and checked once when the
 * application starts ({@link #install}).
 *
 * <p><b>The release.</b> {@code EndpointSessionHandler.onConnect} brackets the configurator's
 * {@code getEndpointInstance} with {@code DefaultContainerConfigurator}'s thread-locals: an
 * {@code InstanceHandle} left in its {@code currentInstanceHandle} for the instance returned is
 * the handle Undertow keeps, and it calls the handle's {@code release()} on the session's
 * executor after {@code @OnClose} (if any) whenever the session closes: a close frame either way,
 * a dropped TCP connection, undeployment. Switchboard leaves its own handle there only while that
 * bracket is open ({@code currentInstanceFactory} set), so a handle is never left for a later
 * creation to pick up.
 *
 * <p><b>The session.</b> Undertow creates the session after the instance and passes it to
 * nothing Switchboard sees unless a callback declares it. It does add it to its endpoint's open
 * sessions ({@code ServerWebSocketContainer.getConfiguredServerEndpoints()}, each one's
 * {@code getOpenSessions()}, both public) before it calls {@code onOpen}, and the session's user
 * properties, copied from the handshake's, name the connection. So a connection without its
 * session looks there at its first callback, and binds every unbound session it passes, so that
 * connections opened together are found by one look. Each look costs one user-property read per
 * open session of that endpoint (measured in DESIGN.md §5).
 *
 * <p>Thread-safe: immutable after construction, apart from a concurrent cache.
 */
public final class UndertowHooks implements ContainerHooks {

    /** The class of Undertow's {@code ServerContainer}. */
    public static final String CONTAINER_CLASS = "io.undertow.websockets.jsr.ServerWebSocketContainer";

    private static final System.Logger LOG = System.getLogger(UndertowHooks.class.getName());

    private final Object container;
    private final Method configuredEndpoints;
    private final Method endpointConfiguration;
    private final Method openSessions;
    /** DefaultContainerConfigurator's currentInstanceFactory: set while onConnect creates. */
    private final ThreadLocal<Object> creating;
    /** DefaultContainerConfigurator's currentInstanceHandle: the handle Undertow keeps. */
    private final ThreadLocal<Object> handle;
    private final Class<?> handleType;
    /** An endpoint class (as created, a CDI subclass perhaps) → Undertow's endpoints of it. */
    private final Map<Class<?>, List<Object>> endpoints = new ConcurrentHashMap<>();

    private UndertowHooks(Object container) throws ReflectiveOperationException {
        this.container = container;
        ClassLoader loader = container.getClass().getClassLoader();
        configuredEndpoints = container.getClass().getMethod("getConfiguredServerEndpoints");
        Class<?> cse = Class.forName("io.undertow.websockets.jsr.ConfiguredServerEndpoint", false,
                loader);
        endpointConfiguration = cse.getMethod("getEndpointConfiguration");
        openSessions = cse.getMethod("getOpenSessions");
        Class<?> defaults = Class.forName("io.undertow.websockets.jsr.DefaultContainerConfigurator",
                false, loader);
        creating = threadLocal(defaults, "currentInstanceFactory");
        handle = threadLocal(defaults, "currentInstanceHandle");
        handleType = Class.forName("io.undertow.servlet.api.InstanceHandle", false,
                defaults.getClassLoader());
        handleType.getMethod("getInstance");
        handleType.getMethod("release");
    }

    @SuppressWarnings("unchecked")
    private static ThreadLocal<Object> threadLocal(Class<?> owner, String name)
            throws ReflectiveOperationException {
        Field f = owner.getDeclaredField(name);
        f.setAccessible(true);
        if (!(f.get(null) instanceof ThreadLocal<?> t)) {
            throw new NoSuchFieldException(owner.getName() + "." + name + " is not a ThreadLocal");
        }
        return (ThreadLocal<Object>) t;
    }

    /**
     * Installs the hooks for Undertow's {@code serverContainer}, or logs why it cannot and
     * installs none (then a connection binds at a callback with a {@code Session} parameter and
     * is finished when its {@code @OnClose} returns). One log line either way.
     */
    public static void install(Object serverContainer) {
        try {
            ContainerCreation.install(new UndertowHooks(serverContainer));
            LOG.log(Level.INFO, "SWB-1150 Undertow: connections find their session without a "
                    + "Session parameter and are finished when Undertow releases their endpoint");
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            ContainerCreation.install(ContainerHooks.NONE);
            LOG.log(Level.WARNING, "SWB-1151 this Undertow lacks what Switchboard reads to bind a "
                    + "connection's session and to see its end (" + e + "); declare a Session "
                    + "parameter on @OnOpen and an @OnClose on each endpoint, which then finishes "
                    + "the connection");
        }
    }

    @Override
    public boolean handOver(Object instance) {
        if (creating.get() == null || handle.get() != null) {
            return false; // not inside onConnect's bracket, or another handle is already there
        }
        handle.set(Proxy.newProxyInstance(handleType.getClassLoader(),
                new Class<?>[] {handleType}, new Handle(instance)));
        return true;
    }

    @Override
    public Session sessionOf(SwitchboardConnection c, Object instance) {
        Session found = null;
        try {
            for (Object endpoint : endpointsOf(instance.getClass())) {
                for (Object o : (Collection<?>) openSessions.invoke(endpoint)) {
                    if (o instanceof Session s) {
                        SwitchboardConnection owner = SwitchboardConnection.of(s);
                        if (owner == c) {
                            found = s;
                        } else if (owner != null) {
                            ContainerCreation.bind(owner, s); // once; a no-op when bound
                        }
                    }
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.DEBUG, "looking for the session of " + c + " failed", e);
        }
        return found;
    }

    private List<Object> endpointsOf(Class<?> type) throws ReflectiveOperationException {
        List<Object> known = endpoints.get(type);
        if (known != null) {
            return known;
        }
        List<Object> found = new ArrayList<>();
        for (Object e : (Collection<?>) configuredEndpoints.invoke(container)) {
            if (endpointConfiguration.invoke(e) instanceof ServerEndpointConfig sec
                    && sec.getEndpointClass() != null && sec.getEndpointClass().isAssignableFrom(type)) {
                found.add(e);
            }
        }
        if (!found.isEmpty()) { // all endpoints are added before the first connection
            endpoints.put(type, List.copyOf(found));
        }
        return found;
    }

    /** The handle Undertow keeps for an instance Switchboard created for its connection. */
    private static final class Handle implements InvocationHandler {

        private final Object instance;

        Handle(Object instance) {
            this.instance = instance;
        }

        @Override
        public Object invoke(Object proxy, Method m, Object[] args) {
            switch (m.getName()) {
                case "getInstance":
                    return instance;
                case "release":
                    // Called after @OnClose, and once more when the session's close completes:
                    // the second finds the connection already finished.
                    ConnectionServices.endpoints().released(instance);
                    return null;
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                default:
                    return "Switchboard's handle of " + instance.getClass().getName();
            }
        }
    }
}
