package io.github.switchboard.eescenarios;

import org.junit.jupiter.api.extension.ExtendWith;

/** The shared scenarios on Switchboard's embedded server (Tyrus 2.2 on Grizzly, Weld SE 6). */
@ExtendWith(EmbeddedRuntime.class)
class EmbeddedScenariosTest extends EeScenarios {

    @Override
    protected Traits traits() {
        // The embedded gate reads the raw Cookie header and creates each endpoint for its
        // connection.
        return new Traits("the embedded server", false, true, true, true);
    }
}
