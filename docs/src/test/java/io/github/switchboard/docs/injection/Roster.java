package io.github.switchboard.docs.injection;

import io.github.switchboard.Connection;
import io.github.switchboard.ConnectionClosed;
import io.github.switchboard.ConnectionError;
import io.github.switchboard.ConnectionOpened;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Every open connection, kept up to date by the lifecycle events. */
@ApplicationScoped
public class Roster {

    private final Map<String, Connection> open = new ConcurrentHashMap<>();

    @Inject
    AuditLog log;

    void opened(@Observes @Priority(1) ConnectionOpened event) {
        open.put(event.connection().id(), event.connection());
        log.add("opened " + event.connection().id());
    }

    void closed(@Observes ConnectionClosed event) {
        open.remove(event.connection().id());
        log.add("closed " + event.connection().id() + " "
                + event.reason().getCloseCode().getCode());
    }

    void failed(@Observes ConnectionError event) {
        log.add("error " + event.connection().id() + " " + event.error());
    }

    /** The open connection with this id; the object may be kept and used from any thread. */
    public Optional<Connection> find(String id) {
        return Optional.ofNullable(open.get(id));
    }
}
