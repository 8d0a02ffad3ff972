package io.github.switchboard.docs.nodes;

import io.github.switchboard.Connection;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;

/** The guide's application: one chat topic, unchanged whether it runs on one node or several. */
@Dependent
@ServerEndpoint(value = "/chat", configurator = SwitchboardConfigurator.class)
public class Chat {

    @Inject
    Connection connection;

    @OnOpen
    public void open() {
        connection.subscribe("chat");
        connection.send("joined");
    }

    @OnMessage
    public void message(String text) {
        connection.publish("chat", text);   // every other member, on every node
    }
}
