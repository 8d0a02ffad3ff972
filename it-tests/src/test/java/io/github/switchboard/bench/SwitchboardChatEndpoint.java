package io.github.switchboard.bench;

import io.github.switchboard.Connection;
import io.github.switchboard.PublishResult;
import io.github.switchboard.Topics;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Bun's chat benchmark on Switchboard: every connection joins {@code room}; each text is published
 * to the room as {@code "<name>: <text>"}, the sender included; {@code ready} goes to the room once
 * {@link ChatStats#CLIENTS} connections are open.
 */
@Dependent
@ServerEndpoint(value = "/", configurator = SwitchboardConfigurator.class)
public class SwitchboardChatEndpoint {

    static final String ROOM = "room";
    /** Shared by the instances of this server JVM; read by {@link SwitchboardChatServer}. */
    static final ChatStats STATS = new ChatStats();

    @Inject
    Connection connection;
    @Inject
    ChatName user;
    @Inject
    Topics topics;

    @OnOpen
    public void open() {
        connection.subscribe(ROOM);
        if (STATS.opened()) {
            topics.publish(ROOM, "ready");
        }
    }

    @OnMessage
    public void message(String text) {
        PublishResult r = topics.publish(ROOM, user.name() + ": " + text);
        STATS.published();
        STATS.lost(r.dropped() + r.closed());
    }
}
