package io.github.switchboard.demo;

import io.github.switchboard.Attachments;
import io.github.switchboard.Handshake;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * A chat room per path: everything said in {@code /chat/lobby} reaches everyone in the lobby.
 * The guard has already checked the name and attached a {@link ChatUser}; the endpoint reads it
 * by type, never by a string key or a cast.
 */
@ServerEndpoint(value = "/chat/{room}", configurator = SwitchboardConfigurator.class)
public class ChatEndpoint {

    @OnOpen
    public void open(Session session) {
        broadcast(session, "* " + user(session).name() + " joined");
    }

    @OnMessage(maxMessageSize = 4096)
    public void message(Session session, String text) {
        broadcast(session, user(session).name() + ": " + text);
    }

    @OnClose
    public void close(Session session) {
        broadcast(session, "* " + user(session).name() + " left");
    }

    private static ChatUser user(Session session) {
        return Attachments.of(session).get(ChatUser.class).orElseThrow();
    }

    private static String room(Session session) {
        return Handshake.of(session).pathParameter("room").orElseThrow();
    }

    /** Sends to every open connection of the same room, the sender included. */
    private static void broadcast(Session from, String line) {
        String room = room(from);
        for (Session s : from.getOpenSessions()) {
            if (s.isOpen() && room.equals(room(s))) {
                s.getAsyncRemote().sendText(line);
            }
        }
    }
}
