package io.github.switchboard.docs.injection;

import static io.github.switchboard.testkit.SwitchboardAssertions.assertClosedWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.testkit.SwitchboardTest;
import io.github.switchboard.testkit.TestClient;
import io.github.switchboard.testkit.TestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The end of a connection: its beans outlive {@code @OnClose} until its last callback has
 * returned, the closed event comes first, then the beans are destroyed. A class of its own, so
 * that its log holds one connection's story.
 */
@SwitchboardTest(endpoints = CounterEndpoint.class,
        beans = {Tally.class, Roster.class, AuditLog.class})
class ConnectionEndTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void theScopeOutlivesOnCloseUntilTheLastCallbackHasReturned(TestServer server)
            throws InterruptedException {
        AuditLog log = server.embedded().container().select(AuditLog.class).get();
        String id;
        try (TestClient client = server.client("/count").connect()) {
            id = client.awaitText().substring("connected ".length());
            client.send("bye");
            assertClosedWith(client, 1000, "bye");
        }
        assertTrue(log.await("tally of " + id + " destroyed at 1", WAIT), log.entries().toString());
        List<String> entries = log.entries();
        int onClose = entries.indexOf("onclose 1000");
        int afterClose = entries.indexOf("after close: message 1");
        int closed = entries.indexOf("closed " + id + " 1000");
        int destroyed = entries.indexOf("tally of " + id + " destroyed at 1");
        assertTrue(onClose >= 0 && afterClose >= 0, entries.toString());
        assertTrue(onClose < closed && afterClose < closed && closed < destroyed,
                "@OnClose and the message callback, then the closed event, then the beans: "
                        + entries);
        assertTrue(entries.stream().filter(e -> e.startsWith("tally of ")).count() == 1
                && entries.stream().filter(e -> e.startsWith("closed ")).count() == 1,
                "each once: " + entries);
    }
}
