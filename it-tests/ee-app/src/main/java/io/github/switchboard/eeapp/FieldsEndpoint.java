package io.github.switchboard.eeapp;

import io.github.switchboard.Connection;
import io.github.switchboard.Cookie;
import io.github.switchboard.Header;
import io.github.switchboard.PathValue;
import io.github.switchboard.Query;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Every kind of per-connection value injected as a plain field, and no callback with a
 * {@code Session} parameter: the container must create the instance for its connection and
 * Switchboard must know the connection without being told by a callback. It greets with what its
 * fields hold and answers every message with the same, so a test sees that each connection
 * kept its own values.
 */
@Dependent
@ServerEndpoint(value = "/fields/{room}", configurator = SwitchboardConfigurator.class)
public class FieldsEndpoint {

    @Inject
    @Query("name")
    String name;
    @Inject
    @Header("X-Client")
    String client;
    @Inject
    @Cookie("pref")
    String pref;
    @Inject
    @PathValue("room")
    String room;
    @Inject
    ChatUser user; // attached by TokenGuard
    @Inject
    Connection connection;

    @OnOpen
    public void open() {
        connection.send("open " + fields());
    }

    @OnMessage
    public String message(String text) {
        return text + " " + fields();
    }

    private String fields() {
        return "name=" + name + " client=" + client + " pref=" + pref + " room=" + room
                + " user=" + user.name();
    }
}
