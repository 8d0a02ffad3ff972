package io.github.switchboard.docs.manual.migration;

import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Step 1: the same code, now a CDI bean behind Switchboard's configurator. */
@Dependent
@ServerEndpoint(value = "/step1/{room}", configurator = SwitchboardConfigurator.class)
public class StepOneRoom {

    private static final Map<String, Set<Session>> ROOMS = new ConcurrentHashMap<>();

    @OnOpen
    public void open(Session session, @PathParam("room") String room) {
        String name = session.getRequestParameterMap().getOrDefault("name", List.of("")).get(0);
        session.getUserProperties().put("name", name);
        ROOMS.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(session);
        session.getAsyncRemote().sendText("welcome to " + room);
    }

    @OnMessage
    public void message(Session session, @PathParam("room") String room, String text) {
        String name = (String) session.getUserProperties().get("name");
        for (Session other : ROOMS.getOrDefault(room, Set.of())) {
            if (other != session && other.isOpen()) {
                other.getAsyncRemote().sendText(name + ": " + text);
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
