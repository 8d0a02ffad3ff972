package io.github.switchboard.demo;

import io.github.switchboard.Connection;
import io.github.switchboard.PathValue;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;

/**
 * A chat room per path: everything said in {@code /chat/lobby} reaches everyone in the lobby.
 * The guard has already checked the name and attached a {@link ChatUser}; the endpoint reads it
 * by type, never by a string key or a cast.
 */
@Dependent
@ServerEndpoint(value = "/chat/{room}", configurator = SwitchboardConfigurator.class)
public class ChatEndpoint {

    private final Connection connection;
    private final ChatUser user;
    private final String room;
    private final ChatRooms rooms;

    /** One instance per connection, injected from that connection's handshake and guard. */
    @Inject
    public ChatEndpoint(Connection connection, ChatUser user, @PathValue("room") String room,
            ChatRooms rooms) {
        this.connection = connection;
        this.user = user;
        this.room = room;
        this.rooms = rooms;
    }

    @OnOpen
    public void open() {
        rooms.join(room, connection);
        rooms.broadcast(room, "* " + user.name() + " joined");
    }

    @OnMessage(maxMessageSize = 4096)
    public void message(String text) {
        rooms.broadcast(room, user.name() + ": " + text);
    }

    @OnClose
    public void close() {
        rooms.leave(room, connection);
        rooms.broadcast(room, "* " + user.name() + " left");
    }
}
