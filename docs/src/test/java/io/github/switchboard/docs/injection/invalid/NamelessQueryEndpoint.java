package io.github.switchboard.docs.injection.invalid;

import io.github.switchboard.Query;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.util.Optional;

/** SWB-0001: a context qualifier that names nothing. */
@Dependent
@ServerEndpoint(value = "/nameless", configurator = SwitchboardConfigurator.class)
public class NamelessQueryEndpoint {

    @Inject
    @Query("")
    Optional<String> value;

    @OnMessage
    public String message(String text) {
        return text;
    }
}
