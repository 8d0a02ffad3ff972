package io.github.switchboard.docs.injection.invalid;

import io.github.switchboard.PathValue;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** SWB-0006: the template names {room}, not {roomId}. */
@Dependent
@ServerEndpoint(value = "/rooms/{room}", configurator = SwitchboardConfigurator.class)
public class WrongPathEndpoint {

    @Inject
    @PathValue("roomId")
    String room;

    @OnMessage
    public String message(String text) {
        return text;
    }
}
