package io.github.switchboard.docs.operations;

import io.github.switchboard.Connection;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** A tenant's feed: {@code sub topic}, {@code pub topic text}, and {@code refresh token}. */
@Dependent
@ServerEndpoint(value = "/feed", configurator = SwitchboardConfigurator.class)
public class LiveFeed {

    @Inject
    Connection connection;
    @Inject
    Tokens tokens;

    @OnMessage
    public String onMessage(String line) {
        String[] p = line.split(" ", 3);
        return switch (p[0]) {
            case "refresh" -> refresh(p[1]);
            case "sub" -> "sub " + connection.subscribe(p[1]);
            case "pub" -> "pub " + connection.publish(p[1], p[2]).recipients();
            default -> "unknown command";
        };
    }

    /** The client sends a fresh token before the old one expires: the connection lives on. */
    private String refresh(String token) {
        return tokens.verify(token)
                .filter(claims -> claims.tenant().equals(connection.data(TokenGuard.TENANT)
                        .orElseThrow()))
                .map(claims -> connection.extendUntil(claims.expiresAt()) ? "refreshed" : "closing")
                .orElse("invalid token");
    }
}
