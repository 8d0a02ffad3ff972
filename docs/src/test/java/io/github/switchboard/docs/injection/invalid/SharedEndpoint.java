package io.github.switchboard.docs.injection.invalid;

import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** SWB-0003: an endpoint gets one instance per connection, so it must be @Dependent. */
@ApplicationScoped
@ServerEndpoint(value = "/shared", configurator = SwitchboardConfigurator.class)
public class SharedEndpoint {

    @OnMessage
    public String message(String text) {
        return text;
    }
}
