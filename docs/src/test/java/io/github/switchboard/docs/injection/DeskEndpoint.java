package io.github.switchboard.docs.injection;

import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** A help desk whose replies a decorator rewrites: the endpoint's bean types include Replier. */
@Dependent
@ServerEndpoint(value = "/desk", configurator = SwitchboardConfigurator.class)
public class DeskEndpoint implements Replier {

    @OnMessage
    @Override
    public String reply(String question) {
        return "we will look into " + question;
    }
}
