package io.github.switchboard.docs.topics;

import io.github.switchboard.Connection;
import io.github.switchboard.PathValue;
import io.github.switchboard.WebSocketOptions;
import io.github.switchboard.WebSocketOptions.Toggle;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;

/**
 * A shared whiteboard: a stroke goes to every client of the board, its author included, so a
 * client draws only what came back from the server.
 */
@Dependent
@WebSocketOptions(publishToSelf = Toggle.ON)
@ServerEndpoint(value = "/board/{board}", configurator = SwitchboardConfigurator.class)
public class Whiteboard {

    @Inject
    Connection connection;

    @Inject
    @PathValue("board")
    String board;

    @OnOpen
    public void open() {
        connection.subscribe("board:" + board);
    }

    @OnMessage
    public void stroke(String stroke) {
        connection.publish("board:" + board, stroke);   // the author receives it too
    }
}
