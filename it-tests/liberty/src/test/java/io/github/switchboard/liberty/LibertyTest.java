package io.github.switchboard.liberty;

import static io.github.switchboard.eescenarios.Http.awaitStats;
import static io.github.switchboard.eescenarios.Http.stats;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.switchboard.eescenarios.EeScenarios;
import io.github.switchboard.eescenarios.RawUpgrade;
import io.github.switchboard.eescenarios.Traits;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shared scenarios (it-tests/ee-scenarios) against the EE test application deployed as a
 * WAR to Open Liberty, whose WebSocket implementation is its own (not Tyrus): guards run in
 * Switchboard's Servlet filter, header values are not split on commas, and the closing
 * backpressure policy's 1008 close frame reaches the client. Liberty creates the endpoint
 * instance before it upgrades and before {@code modifyHandshake} (DESIGN.md §4), so an endpoint
 * with a per-connection value injected as a plain field cannot be created: the upgrade is
 * answered with 500. Switchboard has no hooks into Liberty: a connection binds its session only
 * at a callback that declares one (the test application's endpoints that Liberty runs declare
 * {@code @OnOpen(Session)} and {@code @OnClose(Session)}). One more scenario, as on WildFly: a
 * programmatic endpoint, which the filter does not see, takes the fallback close.
 */
@ExtendWith(LibertyServer.class)
class LibertyTest extends EeScenarios {

    @Override
    protected Traits traits() {
        return new Traits("Open Liberty " + System.getProperty("liberty.version"), false, false,
                false, true, true);
    }

    @Test
    void refusalWithoutTheFilterIsAnUpgradeClosedWith4401Or4403BeforeOnOpen(URI base)
            throws Exception {
        Map<String, Integer> before = stats(base);
        RawUpgrade none = RawUpgrade.send(base, "/programmatic");
        assertEquals(101, none.status, none.toString());
        assertEquals(4401, none.closeCode(), none.toString());
        RawUpgrade banned = RawUpgrade.send(base, "/programmatic?token=banned");
        assertEquals(4403, banned.closeCode(), banned.toString());
        RawUpgrade ok = RawUpgrade.send(base, "/programmatic?token=ann");
        assertEquals("programmatic user=ann", new String(ok.payload, StandardCharsets.UTF_8),
                ok.toString());
        Map<String, Integer> after = awaitStats(base,
                s -> s.get("opened") - before.get("opened") >= 1);
        assertEquals(1, after.get("opened") - before.get("opened"),
                "only the accepted connection opened");
    }
}
