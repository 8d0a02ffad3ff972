package io.github.switchboard.glassfish;

import io.github.switchboard.eescenarios.EeScenarios;
import io.github.switchboard.eescenarios.Traits;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shared scenarios (it-tests/ee-scenarios) against the EE test application deployed as a
 * WAR to GlassFish 7 embedded. Tyrus in a Servlet container: header values split on commas;
 * Switchboard's upgrade handler makes Tyrus create each endpoint for its connection; Tyrus's
 * Servlet writer discards its queue when a connection is closed by the backpressure policy.
 */
@ExtendWith(GlassFishServer.class)
class GlassFishTest extends EeScenarios {

    @Override
    protected Traits traits() {
        return new Traits("GlassFish " + System.getProperty("glassfish.version"), true, true, true, false);
    }
}
