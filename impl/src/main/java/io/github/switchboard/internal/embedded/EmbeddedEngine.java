package io.github.switchboard.internal.embedded;

import io.github.switchboard.AllowedOrigins;
import io.github.switchboard.internal.OriginPolicy;
import io.github.switchboard.internal.SwitchboardRuntime;
import io.github.switchboard.internal.cdi.ConnectionServices;
import io.github.switchboard.internal.cdi.Current;
import io.github.switchboard.internal.cdi.EndpointOptions;
import io.github.switchboard.internal.cdi.SwitchboardConnection;
import io.github.switchboard.internal.cdi.SwitchboardExtension;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.CLStaticHttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * A running embedded server: Weld SE, then a Grizzly listener bound to exactly the given host
 * with Tyrus attached through its engine SPI ({@link TyrusFilter}), then Switchboard's gate in
 * front of Tyrus. Built by {@code EmbeddedServer.Builder}; {@link #close()} is idempotent and
 * thread-safe.
 */
public final class EmbeddedEngine implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EmbeddedEngine.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the builder collected. */
    public record Settings(String host, int port, List<Class<?>> endpoints,
            List<ServerEndpointConfig> endpointConfigs, List<Class<?>> beanClasses, boolean discovery, OriginPolicy origins,
            Set<String> allowedHosts, Duration handshakeTimeout, Duration idleTimeout,
            Duration shutdownTimeout, int maxHeaderBytes,
            int maxHeaderCount, int maxMessageSize, Map<String, String> staticContent,
            List<HttpRoutes.Route> routes, ClassLoader classLoader) {
    }

    private final Settings settings;
    private final WeldContainer weld;
    private final SwitchboardRuntime runtime;
    private final HttpServer http;
    private final NetworkListener listener;
    private final EmbeddedContainer container;
    /** Upgraded connections, added by the gate on 101 and removed when the connection closes. */
    private final OpenConnections open = new OpenConnections();
    private final Object closeLock = new Object();
    private boolean closed; // guarded by closeLock
    /** Counted down when the first close() has finished; later callers wait for it. */
    private final CountDownLatch stopped = new CountDownLatch(1);

    private EmbeddedEngine(Settings settings) {
        this.settings = settings;
        String secret = HexFormat.of().formatHex(randomBytes());
        EndpointCollector collector = new EndpointCollector();
        // The container id is logged by Weld: never derive it from the secret.
        Weld builder = new Weld("switchboard-" + HexFormat.of().formatHex(randomBytes()).substring(0, 12))
                .skipShutdownHook()
                .addExtension(collector);
        if (!settings.discovery() || !hasBeanArchive(settings.classLoader())) {
            // Weld SE refuses to boot when asked to scan and no bean archive exists; an
            // application made only of endpoints and explicit beans needs no scanning.
            builder.disableDiscovery();
            settings.endpoints().forEach(builder::addBeanClass);
            settings.endpointConfigs().forEach(c -> builder.addBeanClass(c.getEndpointClass()));
            // Weld SE reads META-INF/services extensions only when it scans.
            builder.addExtension(new SwitchboardExtension());
        }
        builder.setClassLoader(settings.classLoader());
        settings.beanClasses().forEach(builder::addBeanClass);
        this.weld = builder.initialize();
        boolean started = false;
        try {
            this.runtime = new SwitchboardRuntime(secret, weld.getBeanManager(),
                    settings.origins(), settings.allowedHosts(), settings.host(),
                    settings.idleTimeout().toMillis());
            Set<Class<?>> endpoints = new LinkedHashSet<>(settings.endpoints());
            if (endpoints.isEmpty() && settings.endpointConfigs().isEmpty()) {
                endpoints.addAll(collector.endpoints());
            }
            if (endpoints.isEmpty() && settings.endpointConfigs().isEmpty()) {
                throw new IllegalStateException("SWB-2002 no WebSocket endpoint to deploy: pass "
                        + "endpoint classes to the builder or make them discoverable CDI beans");
            }
            endpoints.forEach(EmbeddedEngine::checkEndpoint);
            // Malformed settings fail the start, not the first handshake.
            try {
                endpoints.forEach(runtime::options);
                settings.endpointConfigs().forEach(c -> runtime.options(c.getEndpointClass()));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            settings.endpointConfigs().forEach(EmbeddedEngine::checkEndpoint);

            // Tyrus's own limits stay a backstop above the gate's exact message-size check.
            ConnectionServices services = runtime.services();
            long maxMessageSize = settings.maxMessageSize();
            this.container = new EmbeddedContainer("/",
                    (int) Math.min(Integer.MAX_VALUE, settings.maxMessageSize() + 64L * 1024),
                    endpoint -> {
                        EndpointOptions o = services.options(endpoint);
                        return o.perMessageDeflate() ? new PerMessageDeflate(
                                Math.min(maxMessageSize, o.maxPayloadLength())) : null;
                    });
            // Switchboard owns idle timeouts (its writes bypass Tyrus's idle timer, and Tyrus's
            // timer names no connection): Tyrus's stays off (0, its default).
            this.http = new HttpServer();
            this.listener = new NetworkListener("switchboard", settings.host(), settings.port());
            TCPNIOTransport transport = listener.getTransport();
            transport.setIOStrategy(WorkerThreadIOStrategy.getInstance());
            // Grizzly's keep-alive idle timeout is its only connection timer; it runs from accept
            // until the request head is complete, so it is the handshake deadline. The gate lifts
            // it for each connection that upgrades (DESIGN.md §3, §4).
            listener.getKeepAlive().setIdleTimeoutInSeconds(
                    (int) Math.max(1, settings.handshakeTimeout().toSeconds()));
            listener.setMaxHttpHeaderSize(settings.maxHeaderBytes());
            listener.setMaxRequestHeaders(settings.maxHeaderCount());
            http.addListener(listener);
            settings.staticContent().forEach((path, base) -> http.getServerConfiguration()
                    .addHttpHandler(new CLStaticHttpHandler(settings.classLoader(), base), path));
            HttpRoutes.register(settings.routes(), http.getServerConfiguration(), weld,
                    settings.origins(), settings.allowedHosts(), settings.host());
            GateFilter gate = new GateFilter(secret, open, settings.maxMessageSize());
            TyrusFilter tyrus = new TyrusFilter(container.getWebSocketEngine());
            listener.registerAddOn(new AddOn() {
                @Override
                public void setup(NetworkListener l, FilterChainBuilder chain) {
                    // Where Tyrus's WebSocketAddOn puts its filter: just before the HTTP handlers.
                    int i = chain.indexOfType(HttpServerFilter.class);
                    if (i < 0) {
                        throw new IllegalStateException("Grizzly's HttpServerFilter is missing");
                    }
                    chain.add(i, tyrus);
                    chain.add(i, gate); // the gate, then Tyrus
                    // After the 101, reads skip the HTTP codec (UpgradedReads: idle memory).
                    int codec = chain.indexOfType(
                            org.glassfish.grizzly.http.HttpServerFilter.class);
                    if (codec < 0) {
                        throw new IllegalStateException("Grizzly's HTTP codec is missing");
                    }
                    chain.add(codec, new UpgradedReads(gate));
                }
            });
            for (Class<?> endpoint : endpoints) {
                container.addEndpoint(endpoint);
            }
            for (ServerEndpointConfig config : settings.endpointConfigs()) {
                container.addEndpoint(config);
            }
            container.start("/", settings.port());
            container.doneDeployment();
            SwitchboardRuntime.register(runtime);
            try {
                http.start();
            } catch (BindException e) {
                throw new UncheckedIOException("SWB-2001 cannot listen on " + settings.host() + ":"
                        + settings.port() + ": the address is already in use", e);
            } catch (IOException e) {
                throw new UncheckedIOException("SWB-2001 cannot listen on " + settings.host() + ":"
                        + settings.port() + ": " + e.getMessage(), e);
            }
            startIdleSweep(endpoints, settings.endpointConfigs());
            started = true;
        } catch (DeploymentException e) {
            throw new IllegalStateException("SWB-2004 endpoint deployment failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!started) {
                stopQuietly();
            }
        }
    }

    /**
     * Starts the sweep that pings silent connections and closes idle ones: every quarter of the
     * shortest idle timeout, between 50 ms and 1 s ({@link #TRIM_PERIOD_MILLIS} when no endpoint
     * has a timeout). At most once per {@link #TRIM_PERIOD_MILLIS} it also trims the buffers of
     * connections at rest since the previous trim (DESIGN.md §5 "What a burst leaves behind").
     */
    private void startIdleSweep(Set<Class<?>> endpoints, List<ServerEndpointConfig> configs) {
        long shortest = Long.MAX_VALUE;
        List<Class<?>> all = new java.util.ArrayList<>(endpoints);
        configs.forEach(c -> all.add(c.getEndpointClass()));
        for (Class<?> e : all) {
            long idle = runtime.services().options(e).idleTimeoutMillis();
            if (idle > 0) {
                shortest = Math.min(shortest, idle);
            }
        }
        long period = shortest == Long.MAX_VALUE ? TRIM_PERIOD_MILLIS
                : Math.max(50, Math.min(TRIM_PERIOD_MILLIS, shortest / 4));
        idleSweep = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-idle-" + port());
            t.setDaemon(true);
            return t;
        });
        long[] lastTrim = {System.nanoTime()}; // only the sweep's thread touches it
        idleSweep.scheduleWithFixedDelay(() -> {
            long now = System.nanoTime();
            boolean trim = now - lastTrim[0] >= TRIM_PERIOD_MILLIS * 1_000_000L - period * 500_000L;
            if (trim) {
                lastTrim[0] = now;
            }
            for (var c : runtime.services().openConnections()) {
                try {
                    c.checkIdle(now);
                    var t = c.transport();
                    if (trim && t != null) {
                        t.trim();
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "SWB-1112 the idle check of " + c + " failed", e);
                }
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * How long a connection must send nothing before its buffers are trimmed (one to two of
     * these): long enough that a connection busy now and then keeps its buffers' reuse.
     */
    static final long TRIM_PERIOD_MILLIS = 1_000;

    private volatile java.util.concurrent.ScheduledExecutorService idleSweep;

    private static boolean hasBeanArchive(ClassLoader loader) {
        try {
            return loader.getResources("META-INF/beans.xml").hasMoreElements();
        } catch (IOException e) {
            return true; // let Weld report what it finds
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Boots and starts listening; fails with a message naming the cause. */
    public static EmbeddedEngine start(Settings settings) {
        return new EmbeddedEngine(settings);
    }

    private static void checkEndpoint(Class<?> endpoint) {
        ServerEndpoint annotation = endpoint.getAnnotation(ServerEndpoint.class);
        if (annotation == null) {
            throw new IllegalStateException("SWB-2003 " + endpoint.getName()
                    + " is not annotated @ServerEndpoint");
        }
        AllowedOrigins origins = endpoint.getAnnotation(AllowedOrigins.class);
        if (origins != null) {
            try {
                OriginPolicy.of(Arrays.asList(origins.value()));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("SWB-2005 " + endpoint.getName()
                        + ": invalid @AllowedOrigins: " + e.getMessage(), e);
            }
        }
        if (!SwitchboardConfigurator.class.isAssignableFrom(annotation.configurator())) {
            throw new IllegalStateException("SWB-2003 " + endpoint.getName() + " does not use the "
                    + "Switchboard configurator, so no origin check or guard would protect it: "
                    + "declare @ServerEndpoint(..., configurator = SwitchboardConfigurator.class)");
        }
    }

    private static void checkEndpoint(ServerEndpointConfig config) {
        Class<?> type = config.getEndpointClass();
        if (!jakarta.websocket.Endpoint.class.isAssignableFrom(type)) {
            throw new IllegalStateException("SWB-2003 " + type.getName() + " is not a "
                    + "jakarta.websocket.Endpoint; deploy annotated endpoints by class");
        }
        if (!(config.getConfigurator() instanceof SwitchboardConfigurator)) {
            throw new IllegalStateException("SWB-2003 the endpoint configuration for " + config.getPath()
                    + " does not use the Switchboard configurator, so no origin check or guard "
                    + "would protect it: .configurator(new SwitchboardConfigurator())");
        }
    }

    public String host() {
        return settings.host();
    }

    /** The bound port: the real one when 0 was asked for. */
    public int port() {
        return listener.getPort();
    }

    public SeContainer container() {
        return weld;
    }

    /** The number of open WebSocket connections. */
    public int openConnections() {
        return open.size();
    }

    /**
     * Test and diagnostics hook: how many open WebSocket connections still hold the HTTP request
     * of their upgrade in Grizzly's codec (0 once each handshake read has finished,
     * {@link UpgradedReads}).
     */
    public int upgradeRequestsHeld() {
        int held = 0;
        for (Connection<?> c : open.snapshot()) {
            if (UpgradedReads.holdsRequest(c)) {
                held++;
            }
        }
        return held;
    }

    /**
     * Refuses new upgrades (503), sends close 1001 (going away) to every WebSocket, waits up to
     * the shutdown timeout until every connection is closed and running callbacks have
     * returned, then stops listening and shuts CDI down. Idempotent; a concurrent second caller
     * returns when the first has finished (or it is interrupted). Called from one of the
     * server's own WebSocket callbacks it waits for that callback too, which cannot end while
     * it waits: the full shutdown timeout.
     */
    @Override
    public void close() {
        boolean first;
        synchronized (closeLock) {
            first = !closed;
            closed = true;
        }
        if (!first) {
            awaitStopped(); // outside the lock: an interrupt reaches every waiting caller
            return;
        }
        try {
            closeOnce();
        } finally {
            stopped.countDown();
        }
    }

    /** The close drained connections get: 1012, service restart (RFC 6455 §7.4.1 as amended). */
    static final int SERVICE_RESTART = 1012;

    /**
     * Drains the server for a rolling restart: refuses new upgrades from now on (503 with a
     * {@code Retry-After} of the drain's length in whole seconds, at least 1), closes the open
     * connections with 1012 one after the other at evenly spaced instants across {@code over},
     * in random order, so that their clients do not all reconnect in the same second, then
     * {@link #close()}s as usual, with 1012 too for connections that completed their upgrade
     * meanwhile.
     * Blocks until the server is stopped. Messages accepted before a connection's close leave
     * before its close frame. A concurrent {@link #close()} ends the spreading early; a second
     * drain waits for the first. Interrupted, it closes at once.
     */
    public void drain(Duration over) {
        long span = over.toNanos();
        boolean first;
        boolean alreadyClosed;
        synchronized (closeLock) {
            alreadyClosed = closed;
            first = !closed && !draining;
            draining = true;
        }
        if (!first) {
            if (alreadyClosed) {
                close(); // returns once the first close has stopped the server
            } else {
                awaitStopped(span); // the first drain closes in the end
            }
            return;
        }
        long start = System.nanoTime();
        open.startClosing((int) Math.max(1, (span + 999_999_999L) / 1_000_000_000L));
        if (runtime.services() != null) {
            runtime.services().stopAccepting("draining");
        }
        List<SwitchboardConnection> all = new java.util.ArrayList<>(
                runtime.services() == null ? List.of() : runtime.services().openConnections());
        java.util.Collections.shuffle(all, RANDOM);
        int n = all.size();
        LOG.log(Level.INFO, () -> "SWB-2010 draining " + n + " connections over " + over);
        try {
            for (int i = 0; i < n && !isClosed(); i++) {
                long due = start + (long) ((double) span * i / n);
                long wait;
                while ((wait = due - System.nanoTime()) > 0 && !isClosed()) {
                    TimeUnit.NANOSECONDS.sleep(Math.min(wait, 50_000_000L));
                }
                try {
                    all.get(i).close(SERVICE_RESTART, "service restart");
                } catch (RuntimeException e) {
                    LOG.log(Level.DEBUG, "closing a connection while draining failed", e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    private boolean draining; // guarded by closeLock

    private boolean isClosed() {
        synchronized (closeLock) {
            return closed;
        }
    }

    /** The health snapshot {@code EmbeddedServer.health()} returns. */
    public io.github.switchboard.server.Health health() {
        boolean live = stopped.getCount() > 0;
        String why = runtime.services() == null ? null : runtime.services().notReady();
        boolean ready = live && !open.isClosing() && why == null;
        return new io.github.switchboard.server.Health(live, ready, open.size(),
                ready ? "ok" : !live ? "stopped" : why != null ? why : "closing");
    }

    /** A second caller returns only once the first has stopped the server (bounded). */
    private void awaitStopped() {
        awaitStopped(0);
    }

    private void awaitStopped(long extraNanos) {
        try {
            stopped.await(settings.shutdownTimeout().toNanos() * 2 + 1_000_000_000L + extraNanos,
                    TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeOnce() {
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        open.startClosing(); // the gate refuses new upgrades from now on
        if (runtime.services() != null) {
            runtime.services().stopAccepting("closing");
        }
        boolean drained;
        synchronized (closeLock) {
            drained = draining;
        }
        // After a drain, what is left (connections whose upgrade completed meanwhile) is told
        // the same as the drained ones.
        CloseReason goingAway = drained
                ? new CloseReason(CloseReason.CloseCodes.SERVICE_RESTART, "service restart")
                : new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "server shutting down");
        // Connections that finish upgrading while this runs are registered late: keep sending
        // until every open connection has been told, every client closed, or time is up.
        Set<Connection<?>> told = new HashSet<>();
        try {
            while (System.nanoTime() < deadline) {
                // Read before looking: a connection attached after this (one that goAway cannot
                // tell yet) then ends the wait below instead of being noticed at the deadline.
                long seen = open.changes();
                List<Connection<?>> current = open.snapshot();
                if (current.isEmpty()) {
                    break;
                }
                for (Connection<?> c : current) {
                    if (!told.contains(c) && goAway(c, goingAway)) {
                        told.add(c);
                    }
                }
                open.awaitChange(seen, deadline);
            }
            // Grizzly's shutdown interrupts its workers: let running callbacks end first.
            open.awaitNoActiveReads(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopQuietly(deadline);
    }

    /** Starts the close handshake; false when Tyrus has not attached its connection yet. */
    private static boolean goAway(Connection<?> c, CloseReason reason) {
        org.glassfish.tyrus.spi.Connection t = TyrusFilter.tyrusConnection(c);
        if (t == null) {
            return false;
        }
        // Tyrus runs @OnClose inside this call: name the connection for endpoint creation.
        SwitchboardConnection connection = GateFilter.connectionOf(c);
        SwitchboardConnection previous = Current.push(connection);
        boolean entered = connection != null && connection.enter(); // see Connection.close
        try {
            t.close(reason);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "closing a WebSocket at shutdown failed", e);
        } finally {
            Current.pop(previous);
            if (entered) {
                connection.exit();
            }
        }
        return true;
    }

    private void stopQuietly() {
        stopQuietly(System.nanoTime() + settings.shutdownTimeout().toNanos());
    }

    private void stopQuietly(long deadline) {
        if (idleSweep != null) {
            idleSweep.shutdownNow();
        }
        if (http != null) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                http.shutdown(left, TimeUnit.NANOSECONDS).get(left + 1_000_000_000L,
                        TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.log(Level.DEBUG, "graceful shutdown did not finish in time", e);
            }
            ExecutorService workers = listener.getTransport().getWorkerThreadPool();
            http.shutdownNow();
            if (workers != null) {
                try {
                    // Waits (bounded) for callbacks still running on the worker threads.
                    workers.awaitTermination(Math.max(0, deadline - System.nanoTime()),
                            TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        // Only now, when nothing is listening, may handshakes stop finding this runtime.
        SwitchboardRuntime r = runtime;
        if (r != null) {
            SwitchboardRuntime.unregister(r);
            if (r.services() != null) {
                r.services().stopAccepting("stopped");
                r.services().close();
            }
        }
        if (container != null) {
            container.stop();
        }
        if (weld != null && weld.isRunning()) {
            weld.shutdown();
        }
    }
}
