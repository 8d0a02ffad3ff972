package io.github.switchboard.docs.nodes;

import io.github.switchboard.redis.RedisTopicBus;
import io.github.switchboard.server.EmbeddedServer;

/** The guide's two ways to give the embedded server a Redis bus: settings, or code. */
final class NodeStartup {

    private NodeStartup() {
    }

    static EmbeddedServer fromSettings(int port) {
        EmbeddedServer server = EmbeddedServer.builder()
                .port(port).endpoints(Chat.class)
                .bus(RedisTopicBus.fromSettings())            // switchboard.redis.* settings
                .start();
        return server;
    }

    static RedisTopicBus inCode(String redisUri, char[] secret) {
        RedisTopicBus bus = RedisTopicBus.builder(redisUri)   // e.g. rediss://redis.internal:6380
                .username("chat").password(secret)
                .channelPrefix("chat-prod:")
                .build();
        return bus;
    }
}
