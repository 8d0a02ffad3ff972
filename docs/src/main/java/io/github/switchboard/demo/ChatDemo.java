package io.github.switchboard.demo;

import io.github.switchboard.redis.RedisTopicBus;
import io.github.switchboard.server.EmbeddedServer;
import io.github.switchboard.server.Health;
import io.github.switchboard.server.HttpResponse;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts the chat demo on the embedded server: {@code --host=127.0.0.1 --port=8080} by default.
 * One port serves the page, the HTTP API and the WebSocket:
 * <ul>
 *   <li>{@code /} the page ({@code demo-web/} on the class path);</li>
 *   <li>{@code /api/session} sign in ({@code POST}), who am I ({@code GET}), sign out
 *       ({@code DELETE});</li>
 *   <li>{@code /api/rooms} the rooms with people in them;</li>
 *   <li>{@code /api/broadcast} an announcement to a room ({@code POST});</li>
 *   <li>{@code /metrics} the meters for Prometheus; {@code /health/live} and
 *       {@code /health/ready} the probes (503 while draining);</li>
 *   <li>{@code /chat} the WebSocket, for signed-in browsers of this origin.</li>
 * </ul>
 */
public final class ChatDemo {

    /** How often the server clock ticks in the demo. */
    public static final Duration CLOCK_PERIOD = Duration.ofSeconds(5);

    private ChatDemo() {
    }

    /** The demo server on {@code host:port} (0: a free port), with the clock ticking. */
    public static EmbeddedServer start(String host, int port) {
        return start(host, port, CLOCK_PERIOD);
    }

    /** As {@link #start(String, int)}, the clock ticking every {@code clockPeriod}. */
    public static EmbeddedServer start(String host, int port, Duration clockPeriod) {
        AtomicReference<EmbeddedServer> self = new AtomicReference<>();
        EmbeddedServer.Builder builder = EmbeddedServer.builder()
                .host(host)
                .port(port)
                .endpoints(ChatEndpoint.class)
                .beanClasses(ChatGuard.class, SessionCookies.class, ServerClock.class)
                .route("GET", "/metrics", PrometheusMetrics.class)
                .route("GET", "/health/live", request -> health(self.get(), false))
                .route("GET", "/health/ready", request -> health(self.get(), true))
                .route("POST", "/api/session", SignIn.class)
                .route("GET", "/api/session", SignIn.class)
                .route("DELETE", "/api/session", SignIn.class)
                .route("GET", "/api/rooms", RoomList.class)
                .route("POST", "/api/broadcast", Broadcast.class)
                .staticContent("/", "demo-web/");
        String redis = System.getProperty("demo.redis-uri", "");
        if (!redis.isBlank()) { // several demos on one Redis share their rooms
            builder.bus(RedisTopicBus.builder(redis).build());
        }
        EmbeddedServer server = builder.start();
        self.set(server);
        server.container().select(ServerClock.class).get().start(clockPeriod);
        return server;
    }

    /** A liveness or readiness probe's answer: 200 or 503, with the details as JSON. */
    private static HttpResponse health(EmbeddedServer server, boolean readiness) {
        Health h = server.health();
        return HttpResponse.json(readiness ? h.readinessStatus() : h.livenessStatus(), h.toJson());
    }

    public static void main(String[] args) throws InterruptedException {
        String host = "127.0.0.1";
        int port = 8080;
        try {
            for (String arg : args) {
                if (arg.startsWith("--host=")) {
                    host = arg.substring("--host=".length());
                } else if (arg.startsWith("--port=")) {
                    port = Integer.parseInt(arg.substring("--port=".length()));
                } else {
                    throw new IllegalArgumentException(arg);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("usage: ChatDemo [--host=127.0.0.1] [--port=8080]");
            System.exit(2);
        }
        EmbeddedServer server;
        try {
            server = start(host, port);
        } catch (UncheckedIOException e) {
            System.err.println();
            if (e.getCause() instanceof BindException) {
                System.err.println("Port " + port + " on " + host + " is already in use (is the "
                        + "demo already running?).");
            } else {
                System.err.println("Cannot listen on " + host + ":" + port + ": " + e.getMessage());
            }
            System.err.println("Start it elsewhere: mvn -Pdemo -DskipTests -pl docs -am package "
                    + "-Ddemo.port=9090");
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "switchboard-demo-shutdown"));
        String h = server.host().contains(":") ? "[" + server.host() + "]" : server.host();
        System.out.println();
        System.out.println("Switchboard chat demo: open http://" + h + ":" + server.port()
                + "/ in two browser windows (or one private window).");
        System.out.println("Announce to a room: curl -c jar -d name=ops http://" + h + ":"
                + server.port() + "/api/session && curl -b jar -d room=lobby -d text=hello http://"
                + h + ":" + server.port() + "/api/broadcast");
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }
}
