package io.github.switchboard.internal.cdi;

import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import io.github.switchboard.internal.metrics.Meters;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the connections of one CDI container share: its bean manager, the endpoint beans, the
 * events, the requirements of each endpoint. One per Switchboard runtime; thread-safe.
 */
public final class ConnectionServices {

    /** One registry for every container: Tyrus's release hook cannot tell them apart. */
    private static final Endpoints ENDPOINTS = new Endpoints();

    private final BeanManager beanManager;
    private final Instance<RequestContextController> requestContexts;
    private final LifecycleEvents events;
    private final TopicRegistry topics;
    private final TopicPolicies policies;
    private final Map<Class<?>, Bean<Object>> endpointBeans = new ConcurrentHashMap<>();
    private final Map<Class<?>, Requirements> requirements = new ConcurrentHashMap<>();
    private final Map<Class<?>, EndpointOptions> options = new ConcurrentHashMap<>();
    private final ConnectionLimits limits = ConnectionLimits.fromSettings();

    /** The idle timeout the server enforces by default; 0: none (the container's own applies). */
    private final long serverIdleMillis;

    public ConnectionServices(BeanManager beanManager, long serverIdleMillis) {
        this.beanManager = beanManager;
        this.serverIdleMillis = serverIdleMillis;
        this.requestContexts = beanManager.createInstance().select(RequestContextController.class);
        this.events = new LifecycleEvents(beanManager);
        SwitchboardExtension extension = beanManager.getExtension(SwitchboardExtension.class);
        this.topics = extension.topics();
        this.meters = Meters.create(topics::openConnections,
                () -> bean(beanManager, "io.micrometer.core.instrument.MeterRegistry"));
        this.topics.meters(meters);
        this.policies = new TopicPolicies(beanManager, meters);
        extension.services(this);
    }

    private final Meters meters;

    /** This application's recorder ({@link Meters#NONE} without Micrometer). */
    public Meters meters() {
        return meters;
    }

    /** The application stops: its gauges leave the registry. */
    public void close() {
        meters.close();
    }

    /** The bean of the type named, or null when the type or a single bean of it is missing. */
    private static Object bean(BeanManager beanManager, String typeName) {
        try {
            Class<?> type = Class.forName(typeName, false, ConnectionServices.class.getClassLoader());
            Set<Bean<?>> beans = beanManager.getBeans(type);
            if (beans.isEmpty()) {
                return null;
            }
            Bean<?> bean = beanManager.resolve(beans);
            return bean == null ? null
                    : beanManager.getReference(bean, type, beanManager.createCreationalContext(bean));
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return null; // ambiguous or broken: the global registry serves
        }
    }

    /** Why new connections are no longer taken ({@code draining}, {@code closing}); null: ready. */
    private volatile String notReady;

    /**
     * The embedded server takes no new connections from now on; {@code why} is a word, each
     * call a later stage ({@code draining}, {@code closing}, {@code stopped}).
     */
    public void stopAccepting(String why) {
        notReady = why;
    }

    /** The {@link #notReady()} word while a configured topic bus is not connected. */
    public static final String BUS_DOWN = "bus-down";

    /**
     * Why the application is not ready: it takes no new connections ({@code draining},
     * {@code closing}, {@code stopped}), or its topic bus is down ({@value #BUS_DOWN}: publishes
     * would not reach the other nodes); null while it is ready. The server's own state wins.
     */
    public String notReady() {
        String why = notReady;
        if (why == null && topics.busDown()) {
            return BUS_DOWN;
        }
        return why;
    }

    /** The registry of endpoint instances of every container. */
    public static Endpoints endpoints() {
        return ENDPOINTS;
    }

    BeanManager beanManager() {
        return beanManager;
    }

    TopicPolicies policies() {
        return policies;
    }

    TopicRegistry topics() {
        return topics;
    }

    LifecycleEvents events() {
        return events;
    }

    /**
     * Activates a request context unless one is active; every activation of this application
     * (callbacks, the guard chain, {@code Connection.run}) goes through this one source, so a
     * thread reuses one controller (see {@link RequestScope}).
     */
    public RequestScope activateRequestScope() {
        return RequestScope.activate(requestContexts);
    }

    /** The bean of an endpoint class; fails with a message naming the fix. */
    @SuppressWarnings("unchecked")
    Bean<Object> endpointBean(Class<?> type) throws InstantiationException {
        Bean<Object> bean = endpointBeans.get(type);
        if (bean != null) {
            return bean;
        }
        for (Bean<?> b : beanManager.getBeans(type)) {
            if (b.getBeanClass() == type) {
                bean = (Bean<Object>) b;
                break;
            }
        }
        if (bean == null) {
            throw new InstantiationException("SWB-1103 endpoint " + type.getName() + " is not a "
                    + "CDI bean: annotate it @Dependent (or add it to the embedded server's "
                    + "endpoints)");
        }
        endpointBeans.put(type, bean);
        return bean;
    }

    /** The options of {@code endpoint}, resolved once (SWB-2006 on a malformed setting). */
    public EndpointOptions options(Class<?> endpoint) {
        EndpointOptions o = options.get(endpoint);
        if (o == null) {
            o = EndpointOptions.of(endpoint, serverIdleMillis);
            options.put(endpoint, o);
        }
        return o;
    }

    /** The connections open now (a live view). */
    public java.util.Collection<SwitchboardConnection> openConnections() {
        return topics.openConnections();
    }

    /** The application's connection limits. */
    public ConnectionLimits limits() {
        return limits;
    }

    /** What a connection of {@code endpoint} must carry, computed once per endpoint class. */
    public Requirements requirements(Class<?> endpoint) {
        return requirements.computeIfAbsent(endpoint, c -> Requirements.of(beanManager, c));
    }
}
