package io.github.switchboard.eeapp;

import io.github.switchboard.Connection;
import io.github.switchboard.SendResult;
import io.github.switchboard.WebSocketOptions;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Backpressure with the default policy, dropping: an outbound buffer of 64 KiB. {@code flood
 * <n> <size>} sends {@code n} messages of {@code size} characters, each starting with its
 * 8-digit sequence number, and counts the send results in {@link Stats}; any other message is
 * answered {@code alive}.
 */
@Dependent
@WebSocketOptions(backpressureLimit = 65_536)
@ServerEndpoint(value = "/flood", configurator = SwitchboardConfigurator.class)
public class FloodEndpoint {

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
        flood(connection, stats, text);
    }

    static void flood(Connection connection, Stats stats, String command) {
        String[] words = command.split(" ");
        int n = Integer.parseInt(words[1]);
        int size = Integer.parseInt(words[2]);
        String padding = "x".repeat(Math.max(0, size - 8));
        int accepted = 0;
        int dropped = 0;
        int closed = 0;
        for (int i = 0; i < n; i++) {
            SendResult r = connection.send(String.format("%08d", i) + padding);
            switch (r.status()) {
                case WRITTEN, QUEUED -> accepted++;
                case DROPPED -> dropped++;
                case CLOSED -> closed++;
            }
        }
        stats.flooded(accepted, dropped, closed);
    }
}
