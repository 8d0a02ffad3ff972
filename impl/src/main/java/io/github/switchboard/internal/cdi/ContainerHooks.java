package io.github.switchboard.internal.cdi;

import jakarta.websocket.Session;

/**
 * What a Servlet container whose WebSocket implementation is not Tyrus lets Switchboard observe
 * of a connection whose endpoint it created for that connection ({@link ContainerCreation}):
 * when it is done with the endpoint instance, and which JSR session it made for the connection.
 * The standard API says neither; an implementation reads them from one container's internals,
 * checked once when the application starts. {@link #NONE} observes nothing: then a connection
 * learns its session from a callback that declares one and is finished when its
 * {@code @OnClose} returns. Implementations are thread-safe.
 */
public interface ContainerHooks {

    /** Observes nothing. */
    ContainerHooks NONE = new ContainerHooks() {
    };

    /**
     * Called inside {@code getEndpointInstance}, on the container's thread, right after
     * {@code instance} was created for its connection: arranges for the container to report
     * the instance's release through {@link Endpoints#released}. False when it cannot here;
     * then nothing was arranged.
     */
    default boolean handOver(Object instance) {
        return false;
    }

    /**
     * The session the container created for {@code c}, whose endpoint is {@code instance}, or
     * null when it cannot be found. May bind other connections' sessions it comes across, each
     * through {@link ContainerCreation#bind}.
     */
    default Session sessionOf(SwitchboardConnection c, Object instance) {
        return null;
    }
}
