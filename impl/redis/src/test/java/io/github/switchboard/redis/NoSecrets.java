package io.github.switchboard.redis;

import io.github.switchboard.Connection;
import io.github.switchboard.TopicPolicy;
import jakarta.enterprise.context.ApplicationScoped;

/** Connections may subscribe to anything but publish to no topic that starts with "secret". */
@ApplicationScoped
public class NoSecrets implements TopicPolicy {

    @Override
    public boolean allows(Connection connection, String topic, Action action) {
        return action == Action.SUBSCRIBE || !topic.startsWith("secret");
    }
}
