package io.github.switchboard.docs.injection;

import io.github.switchboard.ConnectionOpened;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

/** Observers of {@link ConnectionOpened}: one broken, one synchronous, one asynchronous. */
@ApplicationScoped
public class Welcome {

    @Inject
    AuditLog log;

    void broken(@Observes @Priority(10) ConnectionOpened event) {
        throw new IllegalStateException("a broken observer");   // logged as SWB-1109
    }

    void greet(@Observes @Priority(20) ConnectionOpened event, Tally tally) {
        log.add("greeted " + event.connection().id());
        event.connection().send("welcome; messages so far: " + tally.count());
    }

    void later(@ObservesAsync ConnectionOpened event) {
        log.add("async " + event.connection().id());
    }
}
