package io.github.switchboard.docs.manual.migration;

import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Before: a chat room written against JSR 356 alone. */
@ServerEndpoint("/raw/{room}")
public class RawRoom {

    private static final Pattern NAME = Pattern.compile("[A-Za-z]{1,20}");
    private static final Map<String, Set<Session>> ROOMS = new ConcurrentHashMap<>();

    @OnOpen
    public void open(Session session, @PathParam("room") String room) throws IOException {
        String name = session.getRequestParameterMap().getOrDefault("name", List.of("")).get(0);
        if (!NAME.matcher(name).matches()) {
            // Too late to refuse: the socket is open, @OnOpen ran, the client saw a 101.
            session.close(new CloseReason(CloseCodes.VIOLATED_POLICY, "who are you?"));
            return;
        }
        session.getUserProperties().put("name", name);
        session.setMaxIdleTimeout(120_000);
        ROOMS.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(session);
        session.getAsyncRemote().sendText("welcome to " + room);
    }

    @OnMessage(maxMessageSize = 4096)
    public void message(Session session, @PathParam("room") String room, String text) {
        String name = (String) session.getUserProperties().get("name");
        for (Session other : ROOMS.getOrDefault(room, Set.of())) {
            if (other != session && other.isOpen()) {
                other.getAsyncRemote().sendText(name + ": " + text); // one frame per recipient
            }
        }
    }

    @OnClose
    public void close(Session session, @PathParam("room") String room) {
        Set<Session> members = ROOMS.get(room);
        if (members != null) {
            members.remove(session);
        }
    }
}
