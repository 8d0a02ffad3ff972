package io.github.switchboard.docs.injection;

import static io.github.switchboard.testkit.SwitchboardAssertions.assertReceivedExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.Connection;
import io.github.switchboard.ConnectionScoped;
import io.github.switchboard.server.EmbeddedServer;
import io.github.switchboard.server.SwitchboardConfigurator;
import io.github.switchboard.testkit.TestClient;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Programmatic endpoints are beans too; their message handlers have no request context. */
class ProgrammaticEndpointTest {

    private static EmbeddedServer server;

    @BeforeAll
    static void start() {
        server = EmbeddedServer.builder()
                .port(0)
                .endpoints(ServerEndpointConfig.Builder.create(FeedEndpoint.class, "/feed")
                        .configurator(new SwitchboardConfigurator())
                        .build())
                .beanClasses(Tally.class, AuditLog.class)
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aProgrammaticEndpointIsInjectedAndItsHandlersSeeTheConnectionScope()
            throws InterruptedException {
        AuditLog log = server.container().select(AuditLog.class).get();
        try (TestClient client = TestClient.builder(server.uri("/feed?topic=prices")).connect()) {
            assertEquals("subscribed to prices", client.awaitText());
            client.send("a");
            client.send("b");
            assertReceivedExactly(client, "prices #1: a", "prices #2: b");
            assertEquals(List.of(), log.entries(), "the tally lives as long as the connection");
        }
        assertTrue(log.awaitFirst(e -> e.startsWith("tally of ") && e.endsWith(" destroyed at 2"),
                Duration.ofSeconds(10)).isPresent(), log.entries().toString());
    }

    @Test
    void aMessageHandlerHasNoRequestContextUnlessItRunsThroughConnectionRun() {
        try (EmbeddedServer probing = EmbeddedServer.builder().port(0)
                .endpoints(ServerEndpointConfig.Builder.create(Probe.class, "/probe")
                        .configurator(new SwitchboardConfigurator()).build())
                .discovery(false).start();
                TestClient client = TestClient.builder(probing.uri("/probe")).connect()) {
            client.send("probe");
            assertEquals("connection scope true, request scope false; inside run: request scope "
                    + "true", client.awaitText());
        }
    }

    /** Reports which contexts are active in a message handler. */
    @Dependent
    public static class Probe extends Endpoint {

        @Inject
        Connection connection;

        @Inject
        BeanManager beans;

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, text -> {
                String direct = "connection scope " + active(ConnectionScoped.class)
                        + ", request scope " + active(RequestScoped.class);
                connection.run(() -> connection.send(direct + "; inside run: request scope "
                        + active(RequestScoped.class)));
            });
        }

        private boolean active(Class<? extends Annotation> scope) {
            try {
                return beans.getContext(scope).isActive();
            } catch (ContextNotActiveException e) {
                return false;
            }
        }
    }
}
