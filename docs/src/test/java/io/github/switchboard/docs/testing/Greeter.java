package io.github.switchboard.docs.testing;

import io.github.switchboard.Connection;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;

/** Greets each connection once, then speaks only when spoken to. */
@Dependent
@ServerEndpoint(value = "/greet", configurator = SwitchboardConfigurator.class)
public class Greeter {

    @Inject
    Connection connection;

    @OnOpen
    public void open() {
        connection.send("hello");
    }

    @OnMessage
    public void message(String text) {
        connection.send("you said " + text);
    }
}
