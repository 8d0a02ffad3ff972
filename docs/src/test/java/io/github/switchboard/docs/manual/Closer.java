package io.github.switchboard.docs.manual;

import io.github.switchboard.Connection;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Closes its connection with a reason of the length the client asks for, if it may. */
@Dependent
@ServerEndpoint(value = "/closer", configurator = SwitchboardConfigurator.class)
public class Closer {

    @Inject
    Connection connection;

    /** A number of bytes: closes with a reason that long, or answers why it cannot. */
    @OnMessage
    public String close(String bytes) {
        try {
            connection.close(1000, "r".repeat(Integer.parseInt(bytes)));
            return null;
        } catch (IllegalArgumentException e) {
            return "refused";
        }
    }
}
