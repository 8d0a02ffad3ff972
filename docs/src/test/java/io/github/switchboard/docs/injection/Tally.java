package io.github.switchboard.docs.injection;

import io.github.switchboard.Connection;
import io.github.switchboard.ConnectionScoped;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the messages of one connection: one instance per connection, destroyed with it. */
@ConnectionScoped
public class Tally {

    private final AtomicInteger messages = new AtomicInteger();

    @Inject
    Connection connection;         // this bean's own connection

    @Inject
    AuditLog log;

    public int next() {
        return messages.incrementAndGet();
    }

    public int count() {
        return messages.get();
    }

    @PreDestroy
    void destroyed() {
        log.add("tally of " + connection.id() + " destroyed at " + messages.get());
    }
}
