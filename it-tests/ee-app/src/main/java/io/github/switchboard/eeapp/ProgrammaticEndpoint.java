package io.github.switchboard.eeapp;

import io.github.switchboard.Connection;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/**
 * A programmatic endpoint ({@link ProgrammaticRegistration} adds it at {@code /programmatic}),
 * guarded like the others. Servlet containers report only annotated endpoints to Switchboard's
 * guard filter, so on containers that are not Tyrus its handshake takes the configurator's
 * documented fallback: a refusal is an accepted upgrade closed at once with 4401/4403, before
 * {@code onOpen} runs.
 */
@Dependent
public class ProgrammaticEndpoint extends Endpoint {

    @Inject
    Connection connection;

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        connection.send("programmatic user="
                + connection.data().get(ChatUser.class).map(ChatUser::name).orElse("?"));
    }
}
