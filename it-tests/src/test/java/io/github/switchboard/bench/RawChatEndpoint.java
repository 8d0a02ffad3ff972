package io.github.switchboard.bench;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The same chat by hand on plain Tyrus: sessions in a concurrent set, each message sent with a
 * {@code getAsyncRemote().sendText} loop over all of them. Failed sends are counted as lost.
 */
@ServerEndpoint("/")
public class RawChatEndpoint {

    /** Shared by the instances of this server JVM; read by {@link RawTyrusChatServer}. */
    static final ChatStats STATS = new ChatStats();
    private static final Set<Session> ROOM = ConcurrentHashMap.newKeySet();
    private static final SendHandler LOST = r -> {
        if (!r.isOK()) {
            STATS.lost(1);
        }
    };

    @OnOpen
    public void open(Session session) {
        List<String> name = session.getRequestParameterMap().get("name");
        session.getUserProperties().put("name", name == null ? "" : name.get(0));
        ROOM.add(session);
        if (STATS.opened()) {
            send("ready");
        }
    }

    @OnMessage
    public void message(Session session, String text) {
        send(session.getUserProperties().get("name") + ": " + text);
        STATS.published();
    }

    @OnClose
    public void close(Session session) {
        ROOM.remove(session);
    }

    private static void send(String line) {
        for (Session s : ROOM) {
            s.getAsyncRemote().sendText(line, LOST);
        }
    }
}
