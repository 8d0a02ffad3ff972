package io.github.switchboard.bench;

import io.github.switchboard.Connection;
import io.github.switchboard.PublishResult;
import io.github.switchboard.Topics;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Bun's chat benchmark on Switchboard: every connection joins {@code room} and its own topic
 * {@code to:<name>}; each text is published to the room as {@code "<name>: <text>"}, the sender
 * included, except {@code "@<name> <text>"}, which is published as {@code <text>} to that
 * client's topic (the latency scenario's lone messages); {@code ready} goes to the room once
 * {@link ChatStats#CLIENTS} connections are open.
 */
@Dependent
@ServerEndpoint(value = "/", configurator = SwitchboardConfigurator.class)
public class SwitchboardChatEndpoint {

    static final String ROOM = "room";
    /** Shared by the instances of this server JVM; read by {@link SwitchboardChatServer}. */
    static final ChatStats STATS = new ChatStats();
    /** The application's topics, for the harness's {@code publish} command. */
    static volatile Topics shared;

    @Inject
    Connection connection;
    @Inject
    ChatName user;
    @Inject
    Topics topics;

    @OnOpen
    public void open() {
        shared = topics;
        connection.subscribe(ROOM);
        connection.subscribe("to:" + user.name());
        if (STATS.opened()) {
            topics.publish(ROOM, "ready");
        }
    }

    @OnMessage
    public void message(String text) {
        PublishResult r;
        if (text.startsWith("@")) {
            int space = text.indexOf(' ');
            r = topics.publish("to:" + text.substring(1, space), text.substring(space + 1));
            STATS.lost(r.recipients() == 0 ? 1 : 0);
        } else {
            r = topics.publish(ROOM, user.name() + ": " + text);
        }
        STATS.published();
        STATS.lost(r.dropped() + r.closed());
    }

    @OnClose
    public void close() {
        STATS.closed();
    }
}
