package io.github.switchboard.redis;

import io.github.switchboard.Connection;
import io.github.switchboard.Topics;
import io.github.switchboard.WebSocketOptions;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** {@link BusRoom} with {@code publishToSelf}: the sender gets its own publishes too. */
@Dependent
@WebSocketOptions(publishToSelf = WebSocketOptions.Toggle.ON)
@ServerEndpoint(value = "/self", configurator = SwitchboardConfigurator.class)
public class SelfRoom {

    @Inject
    Connection connection;
    @Inject
    Topics topics;

    @OnMessage
    public String command(String line) {
        return Commands.run(connection, topics, line);
    }
}
