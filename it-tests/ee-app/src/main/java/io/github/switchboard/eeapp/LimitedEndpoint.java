package io.github.switchboard.eeapp;

import io.github.switchboard.WebSocketOptions;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Limits on what a client sends: messages up to 1 KiB (more: close 1009) and 5 per second
 * (more: close 1008). Echoes {@code echo <n>} for each message it gets.
 */
@Dependent
@WebSocketOptions(maxPayloadLength = 1024, maxMessagesPerSecond = 5)
@ServerEndpoint(value = "/limited", configurator = SwitchboardConfigurator.class)
public class LimitedEndpoint {

    private int count;

    @OnOpen
    public void open(Session session) {
        // Binds the connection on servers that create the endpoint before it is known.
    }

    @OnMessage
    public String message(String text, Session session) {
        return "echo " + (++count) + " " + text.length();
    }
}
