package io.github.switchboard.docs.injection;

import io.github.switchboard.Connection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Acts on connections from outside their callbacks: from a REST resource, a scheduler. */
@ApplicationScoped
public class Reminders {

    @Inject
    Tally tally;                   // resolved in whichever connection scope is active

    /** Sends the connection its count; false, sending nothing, once it has ended. */
    public boolean remind(Connection connection) {
        return connection.run(() -> connection.send("you sent " + tally.count() + " messages"));
    }

    /** The connection's count; IllegalStateException (SWB-1107) once it has ended. */
    public int count(Connection connection) throws Exception {
        return connection.call(tally::count);
    }
}
