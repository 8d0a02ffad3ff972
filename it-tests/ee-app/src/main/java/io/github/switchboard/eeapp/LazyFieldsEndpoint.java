package io.github.switchboard.eeapp;

import io.github.switchboard.Query;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/**
 * No {@code @OnOpen}: Tyrus creates the instance at the first message, on whichever container
 * thread reads it, and a per-connection value is still injected as a field.
 */
@Dependent
@ServerEndpoint(value = "/lazy", configurator = SwitchboardConfigurator.class)
public class LazyFieldsEndpoint {

    @Inject
    @Query("name")
    String name;

    @OnMessage
    public String message(String text) {
        return name + ": " + text;
    }
}
