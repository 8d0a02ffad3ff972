package io.github.switchboard.bench;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The same chat by hand on plain Tyrus: sessions in a concurrent set (the room) and a map by
 * name (the lone messages), each message sent with a {@code getAsyncRemote().sendText} loop.
 * Failed sends are counted as lost.
 */
@ServerEndpoint("/")
public class RawChatEndpoint {

    /** Shared by the instances of this server JVM; read by {@link RawTyrusChatServer}. */
    static final ChatStats STATS = new ChatStats();
    private static final Set<Session> ROOM = ConcurrentHashMap.newKeySet();
    private static final Map<String, Session> BY_NAME = new ConcurrentHashMap<>();
    private static final SendHandler LOST = r -> {
        if (!r.isOK()) {
            STATS.lost(1);
        }
    };

    @OnOpen
    public void open(Session session) {
        List<String> name = session.getRequestParameterMap().get("name");
        String n = name == null ? "" : name.get(0);
        session.getUserProperties().put("name", n);
        ROOM.add(session);
        BY_NAME.put(n, session);
        if (STATS.opened()) {
            send("ready");
        }
    }

    @OnMessage
    public void message(Session session, String text) {
        if (text.startsWith("@")) {
            int space = text.indexOf(' ');
            Session to = BY_NAME.get(text.substring(1, space));
            if (to == null) {
                STATS.lost(1);
            } else {
                to.getAsyncRemote().sendText(text.substring(space + 1), LOST);
            }
        } else {
            send(session.getUserProperties().get("name") + ": " + text);
        }
        STATS.published();
    }

    @OnClose
    public void close(Session session) {
        ROOM.remove(session);
        BY_NAME.remove((String) session.getUserProperties().get("name"), session);
        STATS.closed();
    }

    /** Sends {@code line} to everyone in the room. */
    static void send(String line) {
        for (Session s : ROOM) {
            s.getAsyncRemote().sendText(line, LOST);
        }
    }
}
