package io.github.switchboard.docs.manual.security;

import io.github.switchboard.Connection;
import io.github.switchboard.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** What the HTTP logout (or a session that expired) calls: the account's sockets close too. */
@ApplicationScoped
public class Logouts {

    @Inject
    Topics topics;

    /** The topic every connection of {@code account} is subscribed to. */
    public static String topic(String account) {
        return "account:" + account;
    }

    /** Closes every open connection of {@code account}; returns how many there were. */
    public int loggedOut(String account) {
        int closed = 0;
        for (Connection c : topics.subscribers(topic(account))) {
            c.close(1008, "logged out");   // policy violation: the session is gone
            closed++;
        }
        return closed;
    }
}
