package io.github.switchboard.it;

import io.github.switchboard.Attachments;
import io.github.switchboard.Connection;
import io.github.switchboard.GuardResult;
import io.github.switchboard.Handshake;
import io.github.switchboard.HandshakeGuard;
import io.github.switchboard.WebSocketOptions;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;
import java.time.Instant;

/**
 * The endpoint of {@link ExpiryTest}: greets with its expiry (epoch ms, or -1), subscribes every
 * connection to {@code all}, answers {@code id} with its id and {@code extend <epochMs>} with
 * whether the extension took and whether the old expiry was still ahead, and echoes anything else.
 * The guard bean also records each connection's close code as the server's closed event saw it.
 */
@Dependent
@ServerEndpoint(value = "/expiring", configurator = SwitchboardConfigurator.class)
@WebSocketOptions(maxMessagesPerSecond = 1_000_000) // the traffic test sends as fast as it can
public class Expiring {

    /** The close code the server's closed event reported, by connection id. */
    static final java.util.Map<String, Integer> CLOSED_WITH =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Gives the connection the expiry in the {@code X-Expires-At} header (epoch ms), if any. */
    @ApplicationScoped
    public static class ExpiryGuard implements HandshakeGuard {
        void closed(@jakarta.enterprise.event.Observes io.github.switchboard.ConnectionClosed e) {
            CLOSED_WITH.put(e.connection().id(), e.reason().getCloseCode().getCode());
        }

        @Override
        public GuardResult check(Handshake handshake, Attachments attached) {
            return handshake.header("X-Expires-At")
                    .map(at -> GuardResult.accept().expiresAt(Instant.ofEpochMilli(Long.parseLong(at))))
                    .orElseGet(GuardResult::accept);
        }
    }

    @Inject
    Connection connection;

    @OnOpen
    public void open() {
        connection.subscribe("all");
        connection.send("hello " + connection.expiresAt().map(Instant::toEpochMilli).orElse(-1L));
    }

    @OnMessage
    public String message(String line) {
        if (line.equals("id")) {
            return "id " + connection.id();
        }
        if (line.startsWith("extend ")) {
            boolean ahead = connection.expiresAt().map(Instant.now()::isBefore).orElse(true);
            Instant to = Instant.ofEpochMilli(Long.parseLong(line.substring(7)));
            return "extended " + connection.extendUntil(to) + " " + ahead;
        }
        return "echo " + line;
    }
}
