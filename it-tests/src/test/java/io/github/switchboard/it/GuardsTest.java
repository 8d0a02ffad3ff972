package io.github.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.server.EmbeddedServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Guard order, data passed down the chain, per-endpoint guards, @Dependent guard lifecycle. */
class GuardsTest {

    private static EmbeddedServer server;

    @BeforeAll
    static void start() {
        server = EmbeddedServer.builder().port(0)
                .endpoints(GuardChain.UserEndpoint.class, GuardChain.AdminEndpoint.class)
                .beanClasses(GuardChain.AdminOnly.class, GuardChain.Authorize.class,
                        GuardChain.Authenticate.class, GuardChain.PerRequest.class)
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        GuardChain.reset();
    }

    /** The status line, or the first text frame when the upgrade succeeded. */
    private static String attempt(String path, String... headers) throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.send(RawClient.upgrade(path, server.port(), headers));
            String head = c.readHead();
            if (head.startsWith("HTTP/1.1 101 ")) {
                return c.readFrame().text();
            }
            c.readToEof();
            return head.substring(0, head.indexOf("\r\n"));
        }
    }

    @Test
    void guardsRunInOrderAndLaterOnesSeeEarlierData() throws Exception {
        assertEquals("user ada", attempt("/user", "X-Token: tok-ada"));
        assertEquals(List.of("authenticate", "authorize"), List.copyOf(GuardChain.CALLS));
    }

    @Test
    void theFirstRejectionStopsTheChain() throws Exception {
        assertEquals("HTTP/1.1 401 Unauthorized", attempt("/user"));
        assertEquals(List.of("authenticate"), List.copyOf(GuardChain.CALLS));
        assertEquals("HTTP/1.1 403 Forbidden", attempt("/user", "X-Token: tok-mallory"));
    }

    @Test
    void aGuardForChosenEndpointsRunsOnlyThere() throws Exception {
        assertEquals("user bob", attempt("/user", "X-Token: tok-bob"));
        assertTrue(!GuardChain.CALLS.contains("admin-only"), GuardChain.CALLS.toString());
        assertEquals("HTTP/1.1 403 Admins Only", attempt("/admin", "X-Token: tok-bob"));
        assertEquals("admin root", attempt("/admin", "X-Token: tok-root"));
    }

    @Test
    void aRequestScopedGuardGetsAFreshInstanceForEachHandshake() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals("user r" + i, attempt("/user", "X-Token: tok-r" + i));
        }
        assertEquals(3, GuardChain.REQUEST_SCOPED_CREATED.get());
    }

    @Test
    void aDependentGuardIsCreatedAndDestroyedForEachHandshake() throws Exception {
        for (int i = 0; i < 5; i++) {
            attempt("/user", "X-Token: tok-u" + i);
        }
        assertEquals(5, GuardChain.DEPENDENT_CREATED.get());
        assertEquals(5, GuardChain.DEPENDENT_DESTROYED.get());
    }
}
