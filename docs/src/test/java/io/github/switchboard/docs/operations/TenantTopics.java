package io.github.switchboard.docs.operations;

import io.github.switchboard.Connection;
import io.github.switchboard.TopicPattern;
import io.github.switchboard.TopicPolicy;
import jakarta.enterprise.context.ApplicationScoped;

/** A connection uses only its own tenant's topics, and publishes only into its rooms. */
@ApplicationScoped
public class TenantTopics implements TopicPolicy {

    private static final TopicPattern OWN = TopicPattern.of("tenant:{tenant}:*");
    private static final TopicPattern ROOMS = TopicPattern.of("tenant:{tenant}:room-*");

    @Override
    public boolean allows(Connection connection, String topic, Action action) {
        return switch (action) {
            case SUBSCRIBE -> OWN.matches(topic, connection);
            case PUBLISH -> ROOMS.matches(topic, connection);
        };
    }
}
