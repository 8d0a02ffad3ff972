package io.github.switchboard.demo;

import io.github.switchboard.Connection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is in which room. A stand-in until the topics service: rooms map to the connections in
 * them, and a broadcast sends to each. Thread-safe.
 */
@ApplicationScoped
public class ChatRooms {

    private final Map<String, Set<Connection>> rooms = new ConcurrentHashMap<>();

    /** Adds {@code connection} to {@code room}. */
    public void join(String room, Connection connection) {
        rooms.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    /** Removes {@code connection} from {@code room}; an empty room is forgotten. */
    public void leave(String room, Connection connection) {
        rooms.computeIfPresent(room, (r, members) -> {
            members.remove(connection);
            return members.isEmpty() ? null : members;
        });
    }

    /** Sends {@code line} to every connection in {@code room}, the sender included. */
    public void broadcast(String room, String line) {
        for (Connection c : rooms.getOrDefault(room, Set.of())) {
            c.send(line);
        }
    }
}
