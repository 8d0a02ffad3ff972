package io.github.switchboard.docs.injection;

import static io.github.switchboard.testkit.SwitchboardAssertions.assertReceivedExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.Connection;
import io.github.switchboard.ConnectionScoped;
import io.github.switchboard.testkit.SwitchboardTest;
import io.github.switchboard.testkit.TestClient;
import io.github.switchboard.testkit.TestServer;
import jakarta.enterprise.context.ContextNotActiveException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** @ConnectionScoped beans: one per connection, reachable from outside through run and call. */
@SwitchboardTest(endpoints = CounterEndpoint.class,
        beans = {Tally.class, Reminders.class, Roster.class, AuditLog.class})
class ConnectionScopeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void eachConnectionHasItsOwnInstance(TestServer server) {
        try (TestClient a = server.client("/count").connect();
                TestClient b = server.client("/count").connect()) {
            a.awaitText();
            b.awaitText();
            a.send("x");
            a.send("y");
            assertReceivedExactly(a, "message 1", "message 2");
            b.send("z");
            assertReceivedExactly(b, "message 1");
        }
    }

    @Test
    void runAndCallActivateAConnectionsScopeOnAnyThreadUntilItEnds(TestServer server)
            throws Exception {
        AuditLog log = server.embedded().container().select(AuditLog.class).get();
        Reminders reminders = server.embedded().container().select(Reminders.class).get();
        Connection connection;
        try (TestClient client = server.client("/count").connect()) {
            String id = client.awaitText().substring("connected ".length());
            assertTrue(log.await("opened " + id, WAIT), log.entries().toString());
            connection = server.embedded().container().select(Roster.class).get().find(id)
                    .orElseThrow();
            client.send("x");
            assertReceivedExactly(client, "message 1");

            assertTrue(reminders.remind(connection), "the test's thread, not a callback");
            assertReceivedExactly(client, "you sent 1 messages");
            assertEquals(1, reminders.count(connection), "the tally of the callbacks");
        }
        assertTrue(log.await("tally of " + connection.id() + " destroyed at 1", WAIT),
                log.entries().toString());
        assertFalse(reminders.remind(connection), "an ended connection runs nothing");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> reminders.count(connection));
        assertTrue(e.getMessage().startsWith("SWB-1107 "), e.getMessage());
    }

    @Test
    void aConnectionScopedBeanOutsideAnyConnectionIsNotActive(TestServer server) {
        Tally tally = server.embedded().container().select(Tally.class).get();
        ContextNotActiveException e = assertThrows(ContextNotActiveException.class, tally::count);
        // Weld asks the context whether it is active before using it, so the message is Weld's.
        assertTrue(e.getMessage().contains(ConnectionScoped.class.getName()), e.getMessage());
    }
}
