package io.github.switchboard.it;

import io.github.switchboard.Connection;
import io.github.switchboard.WebSocketOptions;
import io.github.switchboard.WebSocketOptions.Toggle;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;

/** Endpoints of {@link OptionsTest}, each with options that differ from the defaults. */
final class Tuned {

    private Tuned() {
    }

    /** Two topics at most; its publishes reach itself too. */
    @Dependent
    @WebSocketOptions(maxSubscriptions = 2, publishToSelf = Toggle.ON)
    @ServerEndpoint(value = "/tuned/self", configurator = SwitchboardConfigurator.class)
    public static class Self {
        @Inject
        Connection connection;

        @OnOpen
        public void open() {
            connection.send("hello " + connection.id());
        }

        @OnMessage
        public String command(String line) {
            String[] p = line.split(" ", 3);
            return switch (p[0]) {
                case "sub" -> "sub " + p[1] + " " + connection.subscribe(p[1]);
                case "pub" -> "pub " + connection.publish(p[1], p[2]).recipients();
                default -> "unknown";
            };
        }
    }

    /** A 64 KiB buffer, and a reader that falls behind is closed rather than skipped. */
    @Dependent
    @WebSocketOptions(backpressureLimit = 64 * 1024, closeOnBackpressureLimit = Toggle.ON)
    @ServerEndpoint(value = "/tuned/strict", configurator = SwitchboardConfigurator.class)
    public static class Strict {
        @Inject
        Connection connection;

        @OnOpen
        public void open() {
            connection.send("hello " + connection.id());
        }
    }

    /** Small messages only, and at most five a second. */
    @Dependent
    @WebSocketOptions(maxPayloadLength = 100, maxMessagesPerSecond = 5)
    @ServerEndpoint(value = "/tuned/limited", configurator = SwitchboardConfigurator.class)
    public static class Limited {
        @OnMessage
        public String echo(String text) {
            return text;
        }
    }

    /** A one-second idle timeout of its own, and no keep-alive pings. */
    @Dependent
    @WebSocketOptions(idleTimeoutSeconds = 1, sendPings = Toggle.OFF)
    @ServerEndpoint(value = "/tuned/quiet", configurator = SwitchboardConfigurator.class)
    public static class Quiet {
        @OnMessage
        public String echo(String text) {
            return text;
        }
    }
}
