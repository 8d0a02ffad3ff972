package io.github.switchboard.docs.injection;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.Connection;
import io.github.switchboard.ConnectionScoped;
import io.github.switchboard.server.SwitchboardConfigurator;
import io.github.switchboard.testkit.SwitchboardTest;
import io.github.switchboard.testkit.TestClient;
import io.github.switchboard.testkit.TestServer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A {@code @PreDestroy} that throws stops nothing: Weld catches it (and logs WELD-000019), the
 * connection's other beans are destroyed and its closed event is fired.
 */
@SwitchboardTest(endpoints = PreDestroyFailureTest.Fragile.class,
        beans = {PreDestroyFailureTest.Broken.class, Tally.class, Roster.class, AuditLog.class})
class PreDestroyFailureTest {

    /** Its {@code @PreDestroy} always throws. */
    @ConnectionScoped
    public static class Broken {
        public String touch() {
            return "touched";
        }

        @PreDestroy
        void destroyed() {
            throw new IllegalStateException("a broken @PreDestroy");
        }
    }

    /** Uses both a broken bean and a tally, and throws in its own {@code @PreDestroy}. */
    @Dependent
    @ServerEndpoint(value = "/fragile", configurator = SwitchboardConfigurator.class)
    public static class Fragile {
        @Inject
        Connection connection;
        @Inject
        Broken broken;
        @Inject
        Tally tally;

        @OnOpen
        public void open() {
            connection.send("connected " + connection.id());
        }

        @OnMessage
        public String message(String text) {
            return broken.touch() + " " + tally.next();
        }

        @PreDestroy
        void destroyed() {
            throw new IllegalStateException("a broken endpoint @PreDestroy");
        }
    }

    @Test
    void theOtherBeansAreDestroyedAndTheClosedEventIsFired(TestServer server)
            throws InterruptedException {
        String id;
        try (TestClient client = server.client("/fragile").connect()) {
            id = client.awaitText().substring("connected ".length());
            client.send("x");
            client.awaitText();
        }
        AuditLog log = server.embedded().container().select(AuditLog.class).get();
        assertTrue(log.await("tally of " + id + " destroyed at 1", Duration.ofSeconds(10)),
                log.entries().toString());
        assertTrue(log.entries().contains("closed " + id + " 1000"), log.entries().toString());
    }
}
