package io.github.switchboard.docs.manual.migration;

import io.github.switchboard.Connection;
import io.github.switchboard.PathValue;
import io.github.switchboard.WebSocketOptions;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;

/** After: the room with a guard, injected context, topics and declared limits. */
@Dependent
@WebSocketOptions(maxPayloadLength = 4096, idleTimeoutSeconds = 120)
@ServerEndpoint(value = "/rooms/{room}", configurator = SwitchboardConfigurator.class)
public class Room {

    @Inject
    Connection connection;

    @Inject
    Member member;                      // attached by NameGuard; never missing here

    @Inject
    @PathValue("room")
    String room;

    @OnOpen
    public void open() {
        connection.subscribe(topic());  // unsubscribed automatically when it closes
        connection.send("welcome to " + room);
    }

    @OnMessage
    public void message(String text) {
        connection.publish(topic(), member.name() + ": " + text);   // everyone but the sender
    }

    private String topic() {
        return "room:" + room;
    }
}
