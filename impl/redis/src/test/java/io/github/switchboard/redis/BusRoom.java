package io.github.switchboard.redis;

import io.github.switchboard.Connection;
import io.github.switchboard.Topics;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** A chat room endpoint driven by {@link Commands}; the sender is excluded from its publishes. */
@Dependent
@ServerEndpoint(value = "/room", configurator = SwitchboardConfigurator.class)
public class BusRoom {

    @Inject
    Connection connection;
    @Inject
    Topics topics;

    @OnMessage
    public String command(String line) {
        return Commands.run(connection, topics, line);
    }
}
