package io.github.switchboard.it;

import static io.github.switchboard.testkit.SwitchboardAssertions.assertReceivedExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.Attachments;
import io.github.switchboard.Connection;
import io.github.switchboard.GuardResult;
import io.github.switchboard.Handshake;
import io.github.switchboard.HandshakeGuard;
import io.github.switchboard.Key;
import io.github.switchboard.TopicPattern;
import io.github.switchboard.TopicPolicy;
import io.github.switchboard.Topics;
import io.github.switchboard.testkit.SwitchboardTest;
import io.github.switchboard.testkit.TestClient;
import io.github.switchboard.testkit.TestServer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Topic authorization: a tenant can neither subscribe to nor publish into another's topics. */
@SwitchboardTest(endpoints = Rooms.class,
        beans = {TopicPolicyTest.TenantGuard.class, TopicPolicyTest.TenantTopics.class})
class TopicPolicyTest {

    static final Key<String> TENANT = Key.of("tenant", String.class);

    /** Attaches the tenant the client claims (a real guard would verify a token). */
    @ApplicationScoped
    static class TenantGuard implements HandshakeGuard {
        @Override
        public GuardResult check(Handshake handshake, Attachments attached) {
            return handshake.header("X-Tenant").<GuardResult>map(t -> GuardResult.accept(TENANT, t))
                    .orElseGet(GuardResult::accept);
        }
    }

    /** Each connection may use only its own tenant's topics; "boom:" topics make it throw. */
    @ApplicationScoped
    static class TenantTopics implements TopicPolicy {
        private static final TopicPattern OWN = TopicPattern.of("tenant:{tenant}:*");

        @Override
        public boolean allows(Connection connection, String topic, Action action) {
            if (topic.startsWith("boom:")) {
                throw new IllegalStateException("a broken policy");
            }
            return OWN.matches(topic, connection);
        }
    }

    private final List<TestClient> clients = new ArrayList<>();
    private TestServer server;

    @BeforeEach
    void start(TestServer server) {
        this.server = server;
    }

    @AfterEach
    void close() {
        clients.forEach(TestClient::close);
    }

    private TestClient join(String tenant) {
        TestClient c = server.client("/rooms/f").header("X-Tenant", tenant).connect();
        clients.add(c);
        c.awaitText();
        return c;
    }

    private static String ask(TestClient c, String command) {
        c.send(command);
        return c.awaitText();
    }

    private Topics topics() {
        return server.embedded().container().select(Topics.class).get();
    }

    @Test
    void aConnectionSubscribesOnlyToItsOwnTenantsTopics() {
        TestClient acme = join("acme");
        assertEquals("sub tenant:acme:chat true", ask(acme, "sub tenant:acme:chat"));
        assertEquals("sub tenant:globex:chat false", ask(acme, "sub tenant:globex:chat"));
        assertEquals("sub Tenant:globex:chat false", ask(acme, "sub Tenant:globex:chat"), "case");
        assertEquals("sub tenant:acme false", ask(acme, "sub tenant:acme"), "no segment");
        assertEquals("sub tenant:acme:chat:x false", ask(acme, "sub tenant:acme:chat:x"),
                "one segment only");
        assertEquals("sub tenant:acme:..:globex:chat false",
                ask(acme, "sub tenant:acme:..:globex:chat"));
        assertEquals("subs [tenant:acme:chat]", ask(acme, "subs"));
    }

    @Test
    void theServerSideSubscribeAsksThePolicyToo() {
        TestClient c = server.client("/rooms/f").header("X-Tenant", "acme").connect();
        clients.add(c);
        String id = c.awaitText().substring("hello ".length());
        Connection acme = topics().connection(id).orElseThrow();
        assertFalse(topics().subscribe(acme, "tenant:globex:chat"));
        assertTrue(topics().subscribe(acme, "tenant:acme:news"));
    }

    @Test
    void aPublishIntoAnotherTenantsTopicIsDeniedAndReachesNobody() {
        TestClient acme = join("acme");
        TestClient globex = join("globex");
        assertEquals("sub tenant:globex:chat true", ask(globex, "sub tenant:globex:chat"));
        assertEquals("pub 0/0 denied", ask(acme, "pub tenant:globex:chat sneaky"));
        topics().publish("tenant:globex:chat", "from the server");
        assertReceivedExactly(globex, "from the server"); // nothing before it: the publish was denied
        assertEquals("pub 0/0", ask(globex, "pub tenant:globex:chat own"), "own tenant: allowed");
    }

    @Test
    void aPolicyThatThrowsDenies() {
        TestClient acme = join("acme");
        assertEquals("sub boom:x false", ask(acme, "sub boom:x"));
        assertEquals("pub 0/0 denied", ask(acme, "pub boom:x hello"));
    }

    @Test
    void aConnectionWithoutTheDataThePatternNeedsGetsNothing() {
        TestClient anonymous = server.client("/rooms/f").connect();
        clients.add(anonymous);
        anonymous.awaitText();
        assertEquals("sub tenant:acme:chat false", ask(anonymous, "sub tenant:acme:chat"));
    }
}
