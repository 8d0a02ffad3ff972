package io.github.switchboard.redis;

import static io.github.switchboard.testkit.SwitchboardAssertions.assertReceivedExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.Topics;
import io.github.switchboard.server.EmbeddedServer;
import io.github.switchboard.testkit.TestClient;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a bus is configured: builder, settings, CDI bean; credentials; refusals at start. */
class ConfigurationTest {

    private static final List<String> SETTINGS = List.of("uri", "username", "password",
            "channel-prefix", "max-pending", "command-timeout-ms", "tls");

    @AfterEach
    void clearSettings() {
        SETTINGS.forEach(s -> System.clearProperty("switchboard.redis." + s));
    }

    @Test
    void withoutAUriTheSettingsNameWhatIsMissing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                RedisTopicBus::fromSettings);
        assertTrue(e.getMessage().startsWith("SWB-7011 setting switchboard.redis.uri"),
                e.getMessage());
    }

    @Test
    void malformedSettingsAndArgumentsAreRefusedByName() {
        System.setProperty("switchboard.redis.uri", "redis://127.0.0.1:1");
        System.setProperty("switchboard.redis.max-pending", "lots");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                RedisTopicBus::fromSettings);
        assertTrue(e.getMessage().contains("SWB-2006 setting switchboard.redis.max-pending"),
                e.getMessage());
        System.setProperty("switchboard.redis.max-pending", "10");
        System.setProperty("switchboard.redis.tls", "maybe");
        assertThrows(IllegalArgumentException.class, RedisTopicBus::fromSettings);

        assertThrows(IllegalArgumentException.class, () -> RedisTopicBus.builder("http://x"));
        assertThrows(IllegalArgumentException.class,
                () -> RedisTopicBus.builder("redis://h").channelPrefix("two words"));
        assertThrows(IllegalArgumentException.class,
                () -> RedisTopicBus.builder("redis://h").channelPrefix(""));
        assertThrows(IllegalArgumentException.class,
                () -> RedisTopicBus.builder("redis://h").maxPending(0));
        assertThrows(IllegalArgumentException.class,
                () -> RedisTopicBus.builder("redis://h").commandTimeout(Duration.ZERO));
    }

    @Test
    void aNodeThatCannotReachRedisFailsAtStartNotLater() {
        try (RedisProcess redis = RedisProcess.start("--requirepass", "s3cret")) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () ->
                    EmbeddedServer.builder().port(0).endpoints(BusRoom.class)
                            .bus(RedisTopicBus.builder(redis.uri()).password("wrong".toCharArray())
                                    .build())
                            .start());
            assertTrue(e.getMessage().startsWith("SWB-7001"), e.getMessage());
            assertTrue(e.getCause().getMessage().startsWith("SWB-7010 cannot connect to Redis at "
                    + "redis://127.0.0.1:" + redis.port()), e.getCause().getMessage());
            assertFalse(e.getCause().getMessage().contains("wrong"), "no secret in the message");
        }
    }

    @Test
    void anAclUserLimitedToThePrefixFromSettingsAndACdiBean() {
        // The ACL a deployment should use: this user may touch only its prefix's channels.
        try (RedisProcess redis = RedisProcess.start("--user", "default", "off",
                "--user", "board", "on", ">pw", "resetchannels", "&app1:*", "+@all")) {
            System.setProperty("switchboard.redis.uri", redis.uri());
            System.setProperty("switchboard.redis.username", "board");
            System.setProperty("switchboard.redis.password", "pw");
            System.setProperty("switchboard.redis.channel-prefix", "app1:");
            try (EmbeddedServer a = EmbeddedServer.builder().port(0).endpoints(BusRoom.class)
                    .beanClasses(BusProducer.class).start();
                    EmbeddedServer b = EmbeddedServer.builder().port(0).endpoints(BusRoom.class)
                            .bus(RedisTopicBus.fromSettings()).start();
                    TestClient x = TestClient.builder(b.uri("/room")).connect()) {
                assertTrue(a.bus().isPresent(), "the CDI bean is the server's bus");
                assertEquals("sub acl true", CrossNodeTest.ask(x, "sub acl"));
                RedisClient admin = RedisClient.create("redis://board:pw@127.0.0.1:" + redis.port());
                try (var c = admin.connect()) {
                    Awaits.until(() -> c.sync().pubsubNumsub("app1:t:acl").get("app1:t:acl") == 1,
                            () -> "node b did not subscribe to app1:t:acl");
                } finally {
                    admin.shutdown();
                }
                a.container().select(Topics.class).get().publish("acl", "through the ACL");
                assertReceivedExactly(x, "through the ACL");
            }
        }
    }

    @Test
    void withoutABusEveryPublishStaysOnItsNode() {
        try (EmbeddedServer solo = EmbeddedServer.builder().port(0).endpoints(BusRoom.class)
                .start()) {
            assertTrue(solo.bus().isEmpty());
            Topics topics = solo.container().select(Topics.class).get();
            assertEquals(0L, topics.clusterSubscriberCount("t").toCompletableFuture().join());
        }
    }
}
