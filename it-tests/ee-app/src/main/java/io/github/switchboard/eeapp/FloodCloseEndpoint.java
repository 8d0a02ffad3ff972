package io.github.switchboard.eeapp;

import io.github.switchboard.Connection;
import io.github.switchboard.WebSocketOptions;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Backpressure with the closing policy: past a 64 KiB outbound buffer the connection is closed
 * with 1008. The same {@code flood} command as {@link FloodEndpoint}.
 */
@Dependent
@WebSocketOptions(backpressureLimit = 65_536, closeOnBackpressureLimit = WebSocketOptions.Toggle.ON)
@ServerEndpoint(value = "/flood-close", configurator = SwitchboardConfigurator.class)
public class FloodCloseEndpoint {

    @Inject
    Connection connection;
    @Inject
    Stats stats;

    @OnOpen
    public void open(Session session) {
        // Binds the connection on servers that create the endpoint before it is known.
    }

    @OnMessage
    public void message(String text, Session session) {
        if (!text.startsWith("flood ")) {
            connection.send("alive");
            return;
        }
        FloodEndpoint.flood(connection, stats, text);
    }
}
