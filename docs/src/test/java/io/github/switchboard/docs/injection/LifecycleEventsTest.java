package io.github.switchboard.docs.injection;

import static io.github.switchboard.testkit.SwitchboardAssertions.assertReceivedExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.testkit.SwitchboardTest;
import io.github.switchboard.testkit.TestClient;
import io.github.switchboard.testkit.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** ConnectionOpened, ConnectionClosed: order, threads, priorities, a broken observer. */
@SwitchboardTest(endpoints = CounterEndpoint.class,
        beans = {Tally.class, Roster.class, Welcome.class, AuditLog.class})
class LifecycleEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static AuditLog log(TestServer server) {
        return server.embedded().container().select(AuditLog.class).get();
    }

    @Test
    void openedObserversRunAfterOnOpenByPriorityAndABrokenOneStopsNothing(TestServer server)
            throws InterruptedException {
        try (LogCapture logs = new LogCapture();
                TestClient client = server.client("/count").connect()) {
            String id = client.awaitText().substring("connected ".length()); // from @OnOpen
            assertReceivedExactly(client, "welcome; messages so far: 0");   // from an observer
            List<String> entries = log(server).entries();
            assertTrue(entries.indexOf("opened " + id) >= 0
                    && entries.indexOf("opened " + id) < entries.indexOf("greeted " + id),
                    "priority 1 before priority 20: " + entries);
            LogRecord broken = logs.await("SWB-1109", WAIT).orElseThrow(
                    () -> new AssertionError("the broken observer was not logged"));
            assertTrue(broken.getMessage().contains(Welcome.class.getName()), broken.getMessage());
            client.send("still open");
            assertReceivedExactly(client, "message 1");
        }
    }

    @Test
    void asynchronousObserversGetTheEventToo(TestServer server) throws InterruptedException {
        try (TestClient client = server.client("/count").connect()) {
            String id = client.awaitText().substring("connected ".length());
            assertTrue(log(server).await("async " + id, WAIT), log(server).entries().toString());
        }
    }

    @Test
    void closedReportsTheCloseFrameBeforeTheConnectionsBeansAreDestroyed(TestServer server)
            throws InterruptedException {
        String id;
        try (TestClient client = server.client("/count").connect()) {
            id = client.awaitText().substring("connected ".length());
            client.close(4001, "done");
        }
        AuditLog log = log(server);
        assertTrue(log.await("tally of " + id + " destroyed at 0", WAIT), log.entries().toString());
        List<String> entries = log.entries();
        int closed = entries.indexOf("closed " + id + " 4001");
        assertTrue(closed >= 0 && closed < entries.indexOf("tally of " + id + " destroyed at 0"),
                entries.toString());
    }
}
