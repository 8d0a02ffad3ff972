package io.github.switchboard.eeapp;

import io.github.switchboard.Query;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/**
 * No {@code @OnOpen}, no {@code @OnClose}, no {@code Session} parameter: Tyrus creates the
 * instance at the first message, on whichever container thread reads it, and a per-connection
 * value is still injected as a field; the instance is destroyed when its connection ends however
 * it ends (counted in {@link Stats}).
 */
@Dependent
@ServerEndpoint(value = "/lazy", configurator = SwitchboardConfigurator.class)
public class LazyFieldsEndpoint {

    @Inject
    @Query("name")
    String name;
    @Inject
    Stats stats;

    @PostConstruct
    void created() {
        stats.lazyCreated();
    }

    @PreDestroy
    void destroyed() {
        stats.lazyDestroyed();
    }

    @OnMessage
    public String message(String text) {
        return name + ": " + text;
    }
}
