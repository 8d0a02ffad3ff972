package io.github.switchboard.docs.injection;

import io.github.switchboard.Connection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One lobby for the application: a single instance that every connection uses. */
@ApplicationScoped
public class Lobby {

    @Inject
    Connection caller;             // a stand-in for the connection whose callback is running

    private final Map<String, Connection> members = new ConcurrentHashMap<>();

    /** From a callback: the calling connection joins. */
    public void enter() {
        members.put(caller.id(), caller.current());   // current(): the connection itself
    }

    /** From a callback: the calling connection leaves. */
    public void leave() {
        members.remove(caller.id());
    }

    /** From anywhere: a message to every member. */
    public void announce(String text) {
        members.values().forEach(member -> member.send(text));
    }
}
