package io.github.switchboard.eeapp;

import io.github.switchboard.ConnectionScoped;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** One per connection: its id and how many messages the connection sent. */
@ConnectionScoped
public class Visit {

    @Inject
    Stats stats;

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger messages = new AtomicInteger();

    @PostConstruct
    void created() {
        stats.visitCreated();
    }

    @PreDestroy
    void destroyed() {
        stats.visitDestroyed();
    }

    public String id() {
        return id;
    }

    public int message() {
        return messages.incrementAndGet();
    }
}
