package io.github.switchboard.docs.injection;

import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Needs a {@link Badge} that no guard attaches: every upgrade is refused with 500. */
@Dependent
@ServerEndpoint(value = "/badge", configurator = SwitchboardConfigurator.class)
public class BadgeEndpoint {

    @Inject
    Badge badge;

    @OnMessage
    public String message(String text) {
        return badge.number() + ": " + text;
    }
}
