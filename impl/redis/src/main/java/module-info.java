/**
 * A {@link io.github.switchboard.TopicBus} on Redis pub/sub, with Lettuce: topics that span
 * several nodes. Only {@code io.github.switchboard.redis} is API.
 */
module io.github.switchboard.redis {
    requires transitive io.github.switchboard.api;
    requires lettuce.core;
    requires io.netty.common; // the Future of ClientResources.shutdown

    exports io.github.switchboard.redis;
}
