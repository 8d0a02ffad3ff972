package io.github.switchboard.docs.injection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.testkit.SwitchboardTest;
import io.github.switchboard.testkit.TestClient;
import io.github.switchboard.testkit.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Endpoints are CDI beans: one per connection, injected from it, intercepted, decorated. */
@SwitchboardTest(endpoints = {RoomEndpoint.class, DeskEndpoint.class},
        beans = {LoginGuard.class, AuditLog.class, AuditInterceptor.class, PoliteReplier.class})
class RoomEndpointTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static AuditLog log(TestServer server) {
        return server.embedded().container().select(AuditLog.class).get();
    }

    private static TestClient join(TestServer server, String path, String user) {
        return server.client(path).header("X-User", user).header("X-Tenant", "acme").connect();
    }

    @Test
    void eachConnectionIsInjectedFromItsOwnHandshake(TestServer server) {
        try (TestClient ada = server.client("/rooms/r%C3%B6%C3%B6m?tag=a&tag=b")
                        .header("X-User", "ada").header("X-Tenant", "acme").cookie("theme", "dark")
                        .connect();
                TestClient bob = server.client("/rooms/kitchen")
                        .header("X-User", "bob").header("X-Tenant", "globex").connect()) {
            assertEquals("ada joined /rooms/rööm of acme: plan pro, theme dark, tags [a, b], "
                    + "badge none", ada.awaitText());
            assertEquals("bob joined /rooms/kitchen of globex: plan free, theme default, tags [], "
                    + "badge none", bob.awaitText());
        }
    }

    @Test
    void anInterceptorRunsAroundTheCallbackWithTheConnectionsValues(TestServer server)
            throws InterruptedException {
        try (TestClient cy = join(server, "/rooms/hall", "cy")) {
            cy.awaitText();
            assertFalse(log(server).entries().contains("cy called say"), "not before a message");
            cy.send("hello");
            assertEquals("cy@hall: hello", cy.awaitText());
            assertTrue(log(server).await("cy called say", WAIT), log(server).entries().toString());
        }
    }

    @Test
    void aDecoratorOfAnInterfaceTheEndpointImplementsWrapsTheCallback(TestServer server) {
        try (TestClient dee = server.client("/desk").header("X-User", "dee").connect()) {
            dee.send("the printer");
            assertEquals("we will look into the printer, thank you", dee.awaitText());
        }
    }

    @Test
    void theEndpointIsCreatedForItsConnectionAndDestroyedWhenTheConnectionEnds(TestServer server)
            throws InterruptedException {
        AuditLog log = log(server);
        try (TestClient fay = join(server, "/rooms/attic", "fay")) {
            fay.awaitText();
            assertTrue(log.entries().contains("fay entered attic"), log.entries().toString());
            assertFalse(log.entries().contains("fay left attic"), "destroyed while still open");
        }
        assertTrue(log.await("fay left attic", WAIT), log.entries().toString());
        // A later connection's end has been seen too: fay's endpoint was destroyed only once.
        try (TestClient gil = join(server, "/rooms/attic", "gil")) {
            gil.awaitText();
        }
        assertTrue(log.await("gil left attic", WAIT), log.entries().toString());
        assertEquals(1, log.entries().stream().filter("fay left attic"::equals).count());
    }
}
