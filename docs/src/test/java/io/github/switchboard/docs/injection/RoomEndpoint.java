package io.github.switchboard.docs.injection;

import io.github.switchboard.Connection;
import io.github.switchboard.Cookie;
import io.github.switchboard.Handshake;
import io.github.switchboard.Header;
import io.github.switchboard.PathValue;
import io.github.switchboard.Query;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;
import java.util.List;
import java.util.Optional;

/** A chat room per path. Everything it knows about its connection arrives by injection. */
@Dependent
@ServerEndpoint(value = "/rooms/{room}", configurator = SwitchboardConfigurator.class)
public class RoomEndpoint {

    private final Connection connection;
    private final String room;

    @Inject
    @Header("X-Tenant")
    String tenant;                 // required: an upgrade without X-Tenant is refused (400)

    @Inject
    @Query("tag")
    List<String> tags;             // every ?tag=, in request order; empty when none

    @Inject
    @Cookie("theme")
    Optional<String> theme;        // may be missing

    @Inject
    ChatUser user;                 // attached by LoginGuard

    @Inject
    Optional<Badge> badge;         // no guard attaches one: empty

    @Inject
    AuditLog log;

    private String path;

    @Inject
    RoomEndpoint(Connection connection, @PathValue("room") String room) {
        this.connection = connection;
        this.room = room;
    }

    @Inject
    void init(Handshake handshake) {
        this.path = handshake.path();
    }

    @PostConstruct
    void entered() {
        log.add(user.name() + " entered " + room);
    }

    @OnOpen
    public void open() {
        String plan = connection.data(LoginGuard.PLAN).orElse("none");
        connection.send(user.name() + " joined " + path + " of " + tenant + ": plan " + plan
                + ", theme " + theme.orElse("default") + ", tags " + tags + ", badge "
                + badge.map(Badge::number).orElse("none"));
    }

    @Audited
    @OnMessage
    public String say(String text) {
        return user.name() + "@" + room + ": " + text;
    }

    @PreDestroy
    void left() {
        log.add(user.name() + " left " + room);
    }
}
