package io.github.switchboard.server;

import io.github.switchboard.TopicBus;
import io.github.switchboard.internal.OriginPolicy;
import io.github.switchboard.internal.cdi.BusLink;
import io.github.switchboard.internal.embedded.EmbeddedEngine;
import io.github.switchboard.internal.embedded.HttpRoutes;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Switchboard without an application server: Weld SE for CDI and Tyrus on Grizzly for WebSocket,
 * started with one builder call.
 * <pre>{@code
 * try (EmbeddedServer server = EmbeddedServer.builder().port(8080).endpoints(Chat.class).start()) {
 *     ...
 * }
 * }</pre>
 * It listens on exactly the host it is given (default {@code 127.0.0.1}), refuses malformed
 * upgrade requests before the WebSocket engine sees them, captures each handshake exactly,
 * disconnects clients that do not complete their upgrade within the handshake timeout, and
 * closes connections whose client sends an unmasked frame (1002) or a message over the size
 * limit (1009).
 *
 * <p>Thread-safe. {@link #close()} is idempotent.
 */
public final class EmbeddedServer implements AutoCloseable {

    private final EmbeddedEngine engine;
    private final BusLink bus; // null: no bus, topics stay on this node

    private EmbeddedServer(EmbeddedEngine engine, BusLink bus) {
        this.engine = engine;
        this.bus = bus;
    }

    /** A builder with the secure defaults documented on each of its methods. */
    public static Builder builder() {
        return new Builder();
    }

    /** The host the server is bound to. */
    public String host() {
        return engine.host();
    }

    /** The port the server listens on: the real port when the builder asked for 0. */
    public int port() {
        return engine.port();
    }

    /** {@code ws://host:port} plus {@code path} (which must start with {@code /}). */
    public URI uri(String path) {
        String h = host().contains(":") ? "[" + host() + "]" : host();
        return URI.create("ws://" + h + ":" + port() + Objects.requireNonNull(path, "path"));
    }

    /** The CDI container the server booted; valid until {@link #close()}. */
    public SeContainer container() {
        return engine.container();
    }

    /** The number of WebSocket connections open right now. */
    public int openConnections() {
        return engine.openConnections();
    }

    /**
     * The {@link TopicBus} that joins this server's topics to other nodes: the builder's
     * {@link Builder#bus}, else the application's {@code TopicBus} bean; empty when topics stay
     * on this node. Its {@link TopicBus#stats()} are the bus counters.
     */
    public Optional<TopicBus> bus() {
        return Optional.ofNullable(bus).map(BusLink::bus);
    }

    /**
     * The server's health now, for liveness and readiness probes: ready until a drain or close
     * starts and while its {@link #bus()}, if any, reports itself connected; live until the
     * server has stopped. Cheap; call it per probe.
     */
    public Health health() {
        return engine.health();
    }

    /**
     * Drains the server for a rolling restart, then stops it: refuses new upgrades with
     * {@code 503 Service Unavailable} and a {@code Retry-After} of the drain's length (whole
     * seconds, at least 1), closes the open connections with 1012 (service restart) at evenly
     * spaced instants across {@code over}, in random order, so that their clients do not all
     * reconnect at once, then does what {@link #close()} does (with 1012 for any connection
     * whose upgrade completed meanwhile). Messages accepted before a
     * connection's close reach it before its close frame. Blocks until the server has stopped:
     * about {@code over} plus at most the shutdown timeout. A concurrent {@link #close()} cuts
     * the spreading short; calling it again, or after {@code close()}, waits for the first.
     * From the start of a drain {@link #health()} reports not ready. Not from a WebSocket
     * callback of this server (see {@link #close()}).
     *
     * @param over how long to spread the closes over; positive
     * @throws IllegalArgumentException when {@code over} is zero or negative
     */
    public void drain(java.time.Duration over) {
        Objects.requireNonNull(over, "over");
        if (over.isNegative() || over.isZero()) {
            throw new IllegalArgumentException("a drain needs a positive duration, not " + over);
        }
        engine.drain(over);
    }

    /**
     * Refuses new upgrades (503), sends close 1001 (going away) to every client, waits at most
     * the shutdown timeout for them to close and for running callbacks to end, stops listening
     * and shuts CDI down. Calling it again does nothing; a concurrent second call returns when
     * the first has finished. Do not call it from a WebSocket callback of this server: it would
     * wait for that callback, i.e. the whole shutdown timeout; hand it to another thread.
     */
    @Override
    public void close() {
        engine.close();
        if (bus != null) {
            bus.close(); // after the connections' last publishes
        }
    }

    /** Configures and starts an {@link EmbeddedServer}. Not thread-safe; use it on one thread. */
    public static final class Builder {

        /** The largest {@link #maxMessageSize} accepted: 256 MiB. */
        public static final int MAX_MESSAGE_SIZE_LIMIT = 256 << 20;

        private String host = "127.0.0.1";
        private int port = 8080;
        private final List<Class<?>> endpoints = new ArrayList<>();
        private final List<ServerEndpointConfig> endpointConfigs = new ArrayList<>();
        private final List<Class<?>> beanClasses = new ArrayList<>();
        private Boolean discovery;
        private OriginPolicy origins = OriginPolicy.sameOrigin();
        private final Set<String> allowedHosts = new LinkedHashSet<>();
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ofSeconds(120);
        private Duration shutdownTimeout = Duration.ofSeconds(5);
        private int maxHeaderBytes = 8192;
        private int maxHeaderCount = 100;
        private int maxMessageSize = 1 << 20;
        private final Map<String, String> staticContent = new LinkedHashMap<>();
        private final List<HttpRoutes.Route> routes = new ArrayList<>();
        private TopicBus bus;

        private Builder() {
        }

        /** The address to bind; default {@code 127.0.0.1}. Use {@code 0.0.0.0} deliberately. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port; default 8080; 0 picks a free port ({@link EmbeddedServer#port()} tells it). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The endpoint classes to deploy. Without any, the server deploys the
         * {@code @ServerEndpoint} classes CDI discovers. Each must use
         * {@link SwitchboardConfigurator}, or {@link #start()} fails.
         */
        public Builder endpoints(Class<?>... endpointClasses) {
            endpoints.addAll(Arrays.asList(endpointClasses));
            return this;
        }

        /**
         * Programmatic endpoints ({@code jakarta.websocket.Endpoint} subclasses) to deploy, each
         * configured with a {@link SwitchboardConfigurator} (or {@link #start()} fails):
         * {@code ServerEndpointConfig.Builder.create(Feed.class, "/feed")
         * .configurator(new SwitchboardConfigurator()).build()}. Their classes become CDI beans
         * like annotated endpoints.
         */
        public Builder endpoints(ServerEndpointConfig... configs) {
            endpointConfigs.addAll(Arrays.asList(configs));
            return this;
        }

        /**
         * Beans to add to the CDI container explicitly (guards, services). Giving any turns
         * classpath discovery off unless {@link #discovery(boolean)} turns it back on; endpoints
         * given to {@link #endpoints} are added too.
         */
        public Builder beanClasses(Class<?>... classes) {
            beanClasses.addAll(Arrays.asList(classes));
            return this;
        }

        /**
         * Whether Weld scans the class path for bean archives (jars and directories with
         * {@code META-INF/beans.xml}). Default: on, unless {@link #beanClasses} were given.
         */
        public Builder discovery(boolean enabled) {
            this.discovery = enabled;
            return this;
        }

        /**
         * The browser origins every endpoint accepts unless it declares
         * {@link io.github.switchboard.AllowedOrigins}. Default: none, i.e. same-origin only.
         * {@code "*"} alone accepts any origin.
         *
         * @throws IllegalArgumentException on an entry that is not {@code scheme://host[:port]}
         */
        public Builder allowedOrigins(String... origins) {
            this.origins = OriginPolicy.of(Arrays.asList(origins));
            return this;
        }

        /**
         * Host names (as in the {@code Host} header, without port) that same-origin browser
         * requests may use, against DNS rebinding: a page whose name was re-pointed at this
         * server sends an {@code Origin} equal to its {@code Host}, and only a check of the name
         * tells it apart. On a loopback address the loopback names are always served; with no
         * names given, a server on another address accepts any {@code Host}. Irrelevant under an
         * explicit origin list.
         */
        public Builder allowedHosts(String... hostNames) {
            for (String h : hostNames) {
                Objects.requireNonNull(h, "host name");
                if (h.isBlank() || h.contains(":") && !h.startsWith("[")) {
                    throw new IllegalArgumentException("a host name without port, not '" + h + "'");
                }
                allowedHosts.add(h.trim().toLowerCase(java.util.Locale.ROOT));
            }
            return this;
        }

        /**
         * How long a WebSocket may stay without receiving anything from its client (any frame,
         * a pong too) before the server closes it with 1000 "idle timeout"; default 120 seconds
         * (Bun's default). Halfway the server pings it (unless {@code sendPings} is off), so a
         * live client stays. Also bounds a client that stops in the middle of a message. The
         * default for endpoints; {@code @WebSocketOptions(idleTimeoutSeconds)} and the setting
         * {@code switchboard.idle-timeout} override it.
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive(timeout, "idleTimeout");
            return this;
        }

        /**
         * How long a client has, from connecting, to complete its upgrade request; default 10
         * seconds, whole seconds, at least 1. A client that is too slow (or that keeps an idle
         * plain-HTTP connection) is disconnected; an upgraded WebSocket is not affected.
         */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = positive(timeout, "handshakeTimeout");
            return this;
        }

        /** How long {@link EmbeddedServer#close()} waits for clients and callbacks; default 5 s. */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = positive(timeout, "shutdownTimeout");
            return this;
        }

        /**
         * The largest request head (request line and headers) in bytes; default 8192. Larger
         * requests get {@code 400 Bad Request} and are closed.
         */
        public Builder maxHeaderBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxHeaderBytes must be at least 1024");
            }
            this.maxHeaderBytes = bytes;
            return this;
        }

        /**
         * The most header lines in a request; default 100. More get {@code 400 Bad Request} and
         * are closed.
         */
        public Builder maxHeaderCount(int count) {
            if (count < 10 || count > 256) {
                throw new IllegalArgumentException("maxHeaderCount must be 10-256");
            }
            this.maxHeaderCount = count;
            return this;
        }

        /**
         * The largest message a client may send, in payload bytes, whether in one frame or in
         * fragments; default 1 MiB. A client that exceeds it gets close code 1009 (message too
         * big) and is disconnected before the message is assembled.
         */
        public Builder maxMessageSize(int bytes) {
            if (bytes < 125 || bytes > MAX_MESSAGE_SIZE_LIMIT) {
                throw new IllegalArgumentException("maxMessageSize must be 125 bytes to 256 MiB");
            }
            this.maxMessageSize = bytes;
            return this;
        }

        /**
         * Serves class-path resources under {@code classpathBase} (for example
         * {@code "web/"}) at the HTTP path {@code path} (for example {@code "/"}), on the same
         * port as the WebSockets. Directory requests get {@code index.html}.
         */
        public Builder staticContent(String path, String classpathBase) {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(classpathBase, "classpathBase");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with /: " + path);
            }
            staticContent.put(path, classpathBase.endsWith("/") ? classpathBase : classpathBase + "/");
            return this;
        }

        /**
         * Answers plain HTTP requests for {@code method} at exactly {@code path} with
         * {@code handler}, on the same port as the WebSockets (upgrade requests still go to the
         * endpoints). A {@code GET} route answers {@code HEAD} too; another method at a routed
         * path gets {@code 405} with {@code Allow}. Before the handler runs the server refuses a
         * body over {@link HttpRequest#MAX_BODY_BYTES} ({@code 413}) and, for methods other than
         * {@code GET} and {@code HEAD}, a browser request from another origin ({@code 403}, by the
         * same origin rules as upgrades: {@link #allowedOrigins}, {@link #allowedHosts}).
         *
         * @param method an HTTP method token, for example {@code "POST"} (upper-cased)
         * @param path   an exact path: starts with {@code /}, no query, wildcard, template,
         *               {@code //} or dot segment; routes take precedence over
         *               {@link #staticContent} at the same path
         * @throws IllegalArgumentException on a malformed method or path, or a second handler
         *         for the same method and path
         */
        public Builder route(String method, String path, HttpHandler handler) {
            addRoute(method, path, Objects.requireNonNull(handler, "handler"), null);
            return this;
        }

        /**
         * The bus that spans this server's topics across nodes (for example
         * {@code RedisTopicBus.fromSettings()} from {@code switchboard-redis}); default: the
         * application's {@code TopicBus} CDI bean if it has one, else none (every publish stays
         * on this node). The server starts it before {@link #start()} returns and closes it on
         * {@link EmbeddedServer#close()}; a bus serves one server.
         */
        public Builder bus(TopicBus bus) {
            this.bus = Objects.requireNonNull(bus, "bus");
            return this;
        }

        /**
         * As {@link #route(String, String, HttpHandler)}, with the handler a bean of the server's
         * CDI container ({@code @ApplicationScoped} or {@code @Dependent}; one instance is
         * obtained at start and serves every request), so it can {@code @Inject Topics} and
         * other beans. The class is added to the container like {@link #beanClasses}.
         */
        public Builder route(String method, String path, Class<? extends HttpHandler> handlerBean) {
            addRoute(method, path, null, Objects.requireNonNull(handlerBean, "handlerBean"));
            if (!beanClasses.contains(handlerBean)) { // one bean for several methods or paths
                beanClasses.add(handlerBean);
            }
            return this;
        }

        private void addRoute(String method, String path, HttpHandler handler,
                Class<? extends HttpHandler> bean) {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            String m = method.toUpperCase(java.util.Locale.ROOT);
            if (m.isEmpty() || !m.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
                throw new IllegalArgumentException("not an HTTP method: '" + method + "'");
            }
            if (!path.startsWith("/") || path.contains("//") || path.contains("/./")
                    || path.contains("/../") || path.endsWith("/.") || path.endsWith("/..")
                    || !path.chars().allMatch(c -> c > 0x20 && c < 0x7f
                            && "?#*{}%\\".indexOf(c) < 0)) {
                throw new IllegalArgumentException("a route path is an exact path such as "
                        + "/broadcast, not '" + path + "'");
            }
            for (HttpRoutes.Route r : routes) {
                if (r.method().equals(m) && r.path().equals(path)) {
                    throw new IllegalArgumentException("two handlers for " + m + " " + path);
                }
            }
            routes.add(new HttpRoutes.Route(m, path, handler, bean));
        }

        /**
         * Boots CDI, deploys the endpoints, starts listening and starts the {@link #bus}.
         *
         * @throws java.io.UncheckedIOException when the address cannot be bound (for example
         *         the port is in use; the cause is a {@link java.net.BindException})
         * @throws IllegalStateException when there is no endpoint or one is invalid, or the bus
         *         does not start ({@code SWB-7001})
         */
        public EmbeddedServer start() {
            EmbeddedEngine engine = startEngine();
            BusLink link;
            try {
                link = BusLink.attach(engine.container().getBeanManager(), bus);
            } catch (RuntimeException e) {
                engine.close();
                throw e;
            }
            return new EmbeddedServer(engine, link);
        }

        private EmbeddedEngine startEngine() {
            boolean scan = discovery != null ? discovery : beanClasses.isEmpty();
            return EmbeddedEngine.start(new EmbeddedEngine.Settings(host, port,
                    List.copyOf(endpoints), List.copyOf(endpointConfigs), List.copyOf(beanClasses),
                    scan, origins,
                    Set.copyOf(allowedHosts), handshakeTimeout, idleTimeout, shutdownTimeout,
                    maxHeaderBytes, maxHeaderCount, maxMessageSize, Map.copyOf(staticContent),
                    List.copyOf(routes), classLoader()));
        }

        private static ClassLoader classLoader() {
            ClassLoader tccl = Thread.currentThread().getContextClassLoader();
            return tccl != null ? tccl : EmbeddedServer.class.getClassLoader();
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
