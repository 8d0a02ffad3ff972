package io.github.switchboard.redis;

import io.github.switchboard.TopicBus;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The application's bus as a CDI bean, configured by the settings. */
public class BusProducer {

    @Produces
    @Singleton
    TopicBus bus() {
        return RedisTopicBus.fromSettings();
    }
}
