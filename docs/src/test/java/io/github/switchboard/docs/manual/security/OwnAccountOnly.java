package io.github.switchboard.docs.manual.security;

import io.github.switchboard.Connection;
import io.github.switchboard.TopicPolicy;
import io.github.switchboard.docs.manual.migration.Member;
import jakarta.enterprise.context.ApplicationScoped;

/** An account's topic is for that account's connections to receive on, and nothing else. */
@ApplicationScoped
public class OwnAccountOnly implements TopicPolicy {

    @Override
    public boolean allows(Connection connection, String topic, Action action) {
        if (!topic.startsWith(Logouts.topic(""))) {
            return true;                      // not an account topic: not this policy's
        }
        String own = connection.data().get(Member.class)
                .map(member -> Logouts.topic(member.name())).orElse(null);
        return action == Action.SUBSCRIBE && topic.equals(own);   // clients never publish here
    }
}
