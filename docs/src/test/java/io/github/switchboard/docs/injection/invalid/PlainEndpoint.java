package io.github.switchboard.docs.injection.invalid;

import io.github.switchboard.Header;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.util.Optional;

/** SWB-0005: connection values, but not the Switchboard configurator. */
@Dependent
@ServerEndpoint("/plain")
public class PlainEndpoint {

    @Inject
    @Header("X-Tenant")
    Optional<String> tenant;

    @OnMessage
    public String message(String text) {
        return text;
    }
}
