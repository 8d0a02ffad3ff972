package io.github.switchboard.testkit;

import io.github.switchboard.server.EmbeddedServer;
import java.net.URI;
import java.util.Objects;

/**
 * The embedded server that {@link SwitchboardTest} started for a test class, bound to
 * {@code 127.0.0.1} on an ephemeral port; JUnit passes it to constructors, {@code @BeforeAll},
 * {@code @BeforeEach} and test methods that declare a parameter of this type. It lives until
 * the test class has finished and is closed by the extension, never by the test.
 *
 * <p>Immutable and thread-safe; no method waits.
 */
public final class TestServer {

    private final EmbeddedServer server;

    TestServer(EmbeddedServer server) {
        this.server = server;
    }

    /**
     * {@code ws://127.0.0.1:port} plus {@code path}.
     *
     * @throws NullPointerException when {@code path} is {@code null}
     */
    public URI uri(String path) {
        return server.uri(Objects.requireNonNull(path, "path"));
    }

    /** The port the server listens on (never 0). */
    public int port() {
        return server.port();
    }

    /**
     * The server itself, for what the kit does not wrap: {@link EmbeddedServer#container()},
     * {@link EmbeddedServer#openConnections()}. Do not close it; the extension does.
     */
    public EmbeddedServer embedded() {
        return server;
    }

    /**
     * A builder for a {@link TestClient} connecting to {@link #uri(String) uri(path)}; each call
     * returns a new builder.
     *
     * @throws NullPointerException when {@code path} is {@code null}
     */
    public TestClient.Builder client(String path) {
        return TestClient.builder(uri(path));
    }

    /** For failure messages: the server's address. */
    @Override
    public String toString() {
        return "TestServer[" + server.host() + ":" + server.port() + "]";
    }
}
