package io.github.switchboard.redis;

import static io.github.switchboard.redis.CrossNodeTest.ask;
import static io.github.switchboard.testkit.SwitchboardAssertions.assertReceivedExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.TopicBus;
import io.github.switchboard.Topics;
import io.github.switchboard.server.EmbeddedServer;
import io.github.switchboard.testkit.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bus over TLS, against a real {@code redis-server} that listens for TLS only
 * ({@code --port 0 --tls-port}), with an authority and certificate the test makes: nodes connect
 * over {@code rediss://} and deliver across nodes; with peer verification on, a node that does not
 * trust the server's authority fails at start.
 */
class TlsTest {

    @TempDir
    static Path dir;
    static TestCertificates certs;
    static RedisProcess redis;

    @BeforeAll
    static void startTlsRedis() throws Exception {
        certs = TestCertificates.generate(Files.createDirectories(dir.resolve("server")));
        redis = RedisProcess.startTls(certs);
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void clearSettings() {
        System.clearProperty("switchboard.redis.uri");
        System.clearProperty("switchboard.redis.tls-trusted-certificates");
    }

    static EmbeddedServer node(TopicBus bus) {
        return EmbeddedServer.builder().port(0).endpoints(BusRoom.class).bus(bus).start();
    }

    @Test
    void nodesThatTrustTheAuthorityDeliverAcrossNodesOverTls() {
        assertTrue(redis.uri().startsWith("rediss://127.0.0.1:"), redis.uri());
        // One node from the settings, one from the builder; both verify the peer (the default),
        // host name included: the certificate names 127.0.0.1.
        System.setProperty("switchboard.redis.uri", redis.uri());
        System.setProperty("switchboard.redis.tls-trusted-certificates", certs.caCert().toString());
        try (EmbeddedServer a = node(RedisTopicBus.fromSettings());
                EmbeddedServer b = node(RedisTopicBus.builder(redis.uri())
                        .trustedCertificates(certs.caCert()).build());
                TestClient x = TestClient.builder(a.uri("/room")).connect();
                TestClient y = TestClient.builder(b.uri("/room")).connect()) {
            assertEquals("sub tls true", ask(y, "sub tls"));
            assertEquals("sub tls true", ask(x, "sub tls"));
            // Registration takes a round trip: wait until the cluster-wide count (itself a
            // query through Redis) sees both subscribers.
            Topics topics = a.container().select(Topics.class).get();
            Awaits.until(() -> topics.clusterSubscriberCount("tls").toCompletableFuture()
                    .join() == 2, () -> "node b's interest did not reach node a");
            assertEquals("pub 0/0", ask(x, "pub tls over TLS, ünïcödé"));
            assertReceivedExactly(y, "over TLS, ünïcödé");
            assertEquals("pub 0/0", ask(y, "pub tls back"));
            assertReceivedExactly(x, "back");
            assertEquals(0, a.bus().orElseThrow().stats().dropped());
        }
    }

    @Test
    void withPeerVerificationANodeThatDoesNotTrustTheAuthorityFailsAtStart() throws Exception {
        TestCertificates stranger = TestCertificates.generate(
                Files.createDirectories(dir.resolve("stranger")));
        for (RedisTopicBus.Builder untrusting : new RedisTopicBus.Builder[] {
                RedisTopicBus.builder(redis.uri()).trustedCertificates(stranger.caCert()),
                RedisTopicBus.builder(redis.uri())}) { // the JVM's trust store: public CAs only
            IllegalStateException e = assertThrows(IllegalStateException.class, () ->
                    node(untrusting.commandTimeout(Duration.ofSeconds(2)).build()).close());
            assertTrue(e.getMessage().startsWith("SWB-7001"), e.getMessage());
            assertTrue(e.getCause().getMessage().startsWith("SWB-7010 cannot connect to Redis at "
                    + "rediss://127.0.0.1:" + redis.port()), e.getCause().getMessage());
        }
    }

    @Test
    void withoutPeerVerificationAnyCertificateIsAccepted() {
        // What tls-verify-peer=false means: encrypted, but the server is not authenticated.
        try (EmbeddedServer a = node(RedisTopicBus.builder(redis.uri()).verifyPeer(false)
                .build())) {
            assertTrue(a.bus().orElseThrow().stats().connected());
        }
    }

    @Test
    void aPlainConnectionToTheTlsPortFailsAtStart() {
        String plain = "redis://127.0.0.1:" + redis.port();
        IllegalStateException e = assertThrows(IllegalStateException.class, () ->
                node(RedisTopicBus.builder(plain).commandTimeout(Duration.ofSeconds(2))
                        .connectTimeout(Duration.ofSeconds(2)).build()).close());
        assertTrue(e.getMessage().startsWith("SWB-7001"), e.getMessage());
        assertTrue(e.getCause().getMessage().startsWith("SWB-7010 cannot connect to Redis at "
                + plain), e.getCause().getMessage());
    }

    @Test
    void trustedCertificatesMustBeAReadableFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                RedisTopicBus.builder(redis.uri()).trustedCertificates(dir.resolve("none.pem")));
        assertTrue(e.getMessage().startsWith("SWB-7011"), e.getMessage());
        System.setProperty("switchboard.redis.uri", redis.uri());
        System.setProperty("switchboard.redis.tls-trusted-certificates", dir.toString());
        assertThrows(IllegalArgumentException.class, RedisTopicBus::fromSettings);
    }
}
