package io.github.switchboard.it;

import io.github.switchboard.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the test classes that share one embedded server with {@link ContextEndpoint} and
 * {@link TestGuard} on an ephemeral loopback port, started once per class.
 */
abstract class ContextServer {

    static EmbeddedServer server;

    @BeforeAll
    static void startServer() {
        ContextEndpoint.reset();
        server = EmbeddedServer.builder().port(0)
                .endpoints(ContextEndpoint.class).beanClasses(TestGuard.class).start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }
}
