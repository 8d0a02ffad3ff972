package io.github.switchboard.docs.injection;

import static io.github.switchboard.testkit.SwitchboardAssertions.assertClosedWith;
import static io.github.switchboard.testkit.SwitchboardAssertions.assertRejectedWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.testkit.SwitchboardTest;
import io.github.switchboard.testkit.TestClient;
import io.github.switchboard.testkit.TestServer;
import java.time.Duration;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** What a connection lacks decides when it fails: at the upgrade (400, 500) or later (1008). */
@SwitchboardTest(endpoints = {RoomEndpoint.class, BadgeEndpoint.class, TraceEndpoint.class},
        beans = {LoginGuard.class, AuditLog.class, TraceId.class, Roster.class})
class MissingValuesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static AuditLog log(TestServer server) {
        return server.embedded().container().select(AuditLog.class).get();
    }

    @Test
    void aRequiredHeaderTheUpgradeLacksRefusesItWith400BeforeAnyEndpointExists(TestServer server) {
        assertRejectedWith(server.client("/rooms/cellar").header("X-User", "gus"), 400);
        assertFalse(log(server).entries().contains("gus entered cellar"),
                log(server).entries().toString());
        try (TestClient gus = server.client("/rooms/cellar").header("X-User", "gus")
                .header("X-Tenant", "acme").connect()) {
            assertTrue(gus.awaitText().startsWith("gus joined /rooms/cellar of acme"));
        }
    }

    @Test
    void guardDataNoGuardAttachedRefusesTheUpgradeWith500AndLogsSwb1110(TestServer server)
            throws InterruptedException {
        try (LogCapture logs = new LogCapture()) {
            assertRejectedWith(server.client("/badge").header("X-User", "hal"), 500);
            LogRecord record = logs.await("SWB-1110", WAIT).orElseThrow(
                    () -> new AssertionError("SWB-1110 was not logged"));
            assertTrue(record.getMessage().contains(Badge.class.getName()), record.getMessage());
        }
    }

    @Test
    void aValueFirstNeededInACallbackClosesTheConnectionWith1008(TestServer server)
            throws InterruptedException {
        try (TestClient ivy = server.client("/trace").header("X-User", "ivy").connect()) {
            String id = ivy.awaitText().substring("connected ".length());
            ivy.send("hello");
            assertClosedWith(ivy, 1008, "missing header X-Trace");
            String error = log(server).awaitFirst(e -> e.startsWith("error " + id + " "), WAIT)
                    .orElseThrow(() -> new AssertionError(log(server).entries().toString()));
            assertEquals("error " + id + " java.lang.IllegalStateException: SWB-1105 the "
                    + "connection has no header X-Trace", error);
        }
        try (TestClient jo = server.client("/trace").header("X-User", "jo")
                .header("X-Trace", "t-1").connect()) {
            jo.awaitText();
            jo.send("hello");
            assertEquals("[t-1] hello", jo.awaitText());
        }
    }
}
