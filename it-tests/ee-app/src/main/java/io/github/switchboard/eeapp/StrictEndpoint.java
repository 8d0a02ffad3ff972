package io.github.switchboard.eeapp;

import io.github.switchboard.Query;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Injects a per-connection value as a plain field, which needs the container to create the
 * instance for a known connection (DESIGN.md §5, "Endpoint creation on containers without the
 * embedded gate"): the tests record what each server does with it.
 */
@Dependent
@ServerEndpoint(value = "/strict", configurator = SwitchboardConfigurator.class)
public class StrictEndpoint {

    @Inject
    @Query("name")
    String name;

    @OnOpen
    public void open(Session session) throws java.io.IOException {
        session.getBasicRemote().sendText("name " + name);
    }
}
