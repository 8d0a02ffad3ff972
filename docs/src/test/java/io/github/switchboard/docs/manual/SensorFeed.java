package io.github.switchboard.docs.manual;

import io.github.switchboard.WebSocketOptions;
import io.github.switchboard.WebSocketOptions.Toggle;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.util.logging.Logger;

/** Sensors report small readings, a few per second; anything bigger or faster is a fault. */
@Dependent
@WebSocketOptions(
        maxPayloadLength = 4096,        // bytes per message; more: close 1009
        maxMessagesPerSecond = 20,      // more: close 1008
        idleTimeoutSeconds = 30,        // silent that long: close 1000, a ping at 15 s
        closeOnBackpressureLimit = Toggle.ON)
@ServerEndpoint(value = "/sensors", configurator = SwitchboardConfigurator.class)
public class SensorFeed {

    private static final Logger LOG = Logger.getLogger(SensorFeed.class.getName());

    @OnMessage
    public void reading(String value) {
        LOG.fine(() -> "reading of " + value.length() + " characters");
    }
}
