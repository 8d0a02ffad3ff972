package io.github.switchboard.docs.injection;

import io.github.switchboard.Connection;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;

/** Tags replies with the client's trace id, which the upgrade does not have to carry. */
@Dependent
@ServerEndpoint(value = "/trace", configurator = SwitchboardConfigurator.class)
public class TraceEndpoint {

    @Inject
    Connection connection;

    @Inject
    TraceId trace;                 // @ConnectionScoped: not needed at the upgrade

    @OnOpen
    public void open() {
        connection.send("connected " + connection.id());
    }

    @OnMessage
    public String message(String text) {
        return "[" + trace.value() + "] " + text;
    }
}
