package io.github.switchboard.glassfish;

import io.github.switchboard.eescenarios.EeScenarios;
import io.github.switchboard.eescenarios.Traits;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shared scenarios (it-tests/ee-scenarios) against the EE test application deployed as a
 * WAR to GlassFish 7 embedded. Tyrus in a Servlet container: header values split on commas, and
 * the endpoint instance created before its connection is known.
 */
@ExtendWith(GlassFishServer.class)
class GlassFishTest extends EeScenarios {

    @Override
    protected Traits traits() {
        return new Traits("GlassFish " + System.getProperty("glassfish.version"), true, false, false);
    }
}
