package io.github.switchboard.docs.injection;

import io.github.switchboard.Connection;
import io.github.switchboard.Query;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.util.Optional;

/** A programmatic endpoint: a CDI bean like the annotated ones. */
@Dependent
public class FeedEndpoint extends Endpoint {

    @Inject
    Connection connection;

    @Inject
    @Query("topic")
    Optional<String> topic;

    @Inject
    Tally tally;

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        // The handler runs with the connection scope active, but without a request context.
        session.addMessageHandler(String.class,
                text -> connection.send(topic.orElse("all") + " #" + tally.next() + ": " + text));
        connection.send("subscribed to " + topic.orElse("all"));
    }
}
