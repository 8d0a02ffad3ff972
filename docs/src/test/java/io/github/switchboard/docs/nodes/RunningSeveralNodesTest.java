package io.github.switchboard.docs.nodes;

import static io.github.switchboard.testkit.SwitchboardAssertions.assertReceivedExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.Topics;
import io.github.switchboard.docs.GuideSnippets;
import io.github.switchboard.redis.RedisProcess;
import io.github.switchboard.server.EmbeddedServer;
import io.github.switchboard.testkit.TestClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docs/running-several-nodes.md: every Java block is a part of the file it names
 * ({@link GuideSnippets}), and those files run, three nodes started the guide's three ways, on a
 * real {@code redis-server} (the redis module's {@link RedisProcess}) that has only the guide's
 * ACL user.
 */
class RunningSeveralNodesTest {

    private static final String GUIDE = "running-several-nodes.md";
    private static final List<String> SETTINGS = List.of("uri", "username", "password",
            "channel-prefix");

    @AfterEach
    void clearSettings() {
        SETTINGS.forEach(s -> System.clearProperty("switchboard.redis." + s));
    }

    @Test
    void everyJavaBlockOfTheGuideIsPartOfTheFileItNames() throws IOException {
        GuideSnippets.assertMatchesItsSources(GUIDE, 3);
    }

    @Test
    void theGuidesThreeWaysRunThreeNodesOnARedisWithTheGuidesAclUser() throws Exception {
        List<String> args = new ArrayList<>(List.of("--user", "default", "off", "--user"));
        args.addAll(List.of(aclLine().substring("user ".length()).split(" ")));
        try (RedisProcess redis = RedisProcess.start(args.toArray(String[]::new))) {
            System.setProperty("switchboard.redis.uri", redis.uri());
            System.setProperty("switchboard.redis.username", "chat");
            System.setProperty("switchboard.redis.password", "secret");
            System.setProperty("switchboard.redis.channel-prefix", "chat-prod:");
            try (EmbeddedServer a = NodeStartup.fromSettings(0);
                    EmbeddedServer b = EmbeddedServer.builder().port(0).endpoints(Chat.class)
                            .bus(NodeStartup.inCode(redis.uri(), "secret".toCharArray()))
                            .start();
                    EmbeddedServer c = EmbeddedServer.builder().port(0).endpoints(Chat.class)
                            .beanClasses(BusBean.class).start();
                    TestClient x = TestClient.builder(a.uri("/chat")).connect();
                    TestClient y = TestClient.builder(b.uri("/chat")).connect();
                    TestClient z = TestClient.builder(c.uri("/chat")).connect()) {
                assertTrue(c.bus().isPresent(), "the CDI bean is node c's bus");
                for (TestClient t : List.of(x, y, z)) {
                    assertReceivedExactly(t, "joined");
                }
                // Registration takes a Redis round trip: wait until the cluster count sees all.
                Topics topics = a.container().select(Topics.class).get();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (topics.clusterSubscriberCount("chat").toCompletableFuture()
                        .get(10, TimeUnit.SECONDS) != 3) {
                    assertTrue(System.nanoTime() < deadline, "the nodes did not all subscribe");
                    TimeUnit.MILLISECONDS.sleep(10); // a poll interval, not a synchronization
                }
                y.send("hello from b");
                assertReceivedExactly(x, "hello from b");
                assertReceivedExactly(z, "hello from b");
                x.send("hi from a");
                // Had y received its own message, it would have come before this one.
                assertReceivedExactly(y, "hi from a");
                assertReceivedExactly(z, "hi from a");
                assertEquals(0, b.bus().orElseThrow().stats().dropped());
            }
        }
    }

    /** The guide's ACL line for the chat user. */
    private static String aclLine() throws IOException {
        return Files.readString(Path.of(GUIDE), StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("user chat on ")).findFirst()
                .orElseThrow(() -> new AssertionError(GUIDE + " has no ACL line for user chat"));
    }
}
