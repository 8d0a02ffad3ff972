package io.github.switchboard.docs.nodes;

import io.github.switchboard.TopicBus;
import io.github.switchboard.redis.RedisTopicBus;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The bus as a CDI bean: an embedded server without {@code bus(...)} uses it. */
public class BusBean {

    @Produces @Singleton
    TopicBus bus() { return RedisTopicBus.fromSettings(); }
}
