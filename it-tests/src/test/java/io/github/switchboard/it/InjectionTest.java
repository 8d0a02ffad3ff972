package io.github.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.Connection;
import io.github.switchboard.server.EmbeddedServer;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.websocket.server.ServerEndpointConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Endpoints as CDI beans: constructor, field and initializer injection of the connection and its
 * handshake values, typed guard data, the connection and request scopes, interceptors,
 * decorators, lifecycle events, and destruction when the connection ends.
 */
class InjectionTest {

    private static EmbeddedServer server;

    @BeforeAll
    static void start() {
        server = EmbeddedServer.builder().port(0)
                .endpoints(Injected.Endpoint.class)
                .endpoints(ServerEndpointConfig.Builder.create(Injected.Feed.class, "/feed")
                        .configurator(new SwitchboardConfigurator()).build())
                .beanClasses(Injected.Login.class, Injected.Tally.class, Injected.PerMessage.class,
                        Injected.Trace.class, Injected.Helper.class,
                        Injected.Presence.class, Injected.AuditInterceptor.class,
                        Injected.Shouting.class, Injected.Recorder.class)
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        Injected.reset();
    }

    /** Each test's connections end within it, so that no test sees another's events. */
    @AfterEach
    void everyConnectionOfTheTestEnded() throws InterruptedException {
        assertTrue(Injected.awaitNoneAlive(10_000), "an endpoint or tally was never destroyed");
    }

    private static final String[] WELL_KNOWN = {"X-User: ada", "X-Tenant: acme",
        "Cookie: session=s-1; theme=dark"};

    /** Upgrades (expecting 101) and returns the client with the greeting already read. */
    private static Greeted open(String target, String... headers) throws Exception {
        RawClient c = new RawClient(server.port());
        c.send(RawClient.upgrade(target, server.port(), headers));
        String head = c.readHead();
        if (!head.startsWith("HTTP/1.1 101 ")) {
            c.close();
            throw new AssertionError("expected 101, got " + head);
        }
        return new Greeted(c, c.readFrame().text());
    }

    private record Greeted(RawClient client, String greeting) implements AutoCloseable {
        String say(String text) throws Exception {
            client.send(RawClient.maskedFrame(1, text.getBytes(StandardCharsets.UTF_8)));
            return client.readFrame().text();
        }

        /** Sends a close frame with {@code code} and returns the code the server echoes. */
        int closeWith(int code) throws Exception {
            client.send(RawClient.maskedFrame(8, ByteBuffer.allocate(2).putShort((short) code)
                    .array()));
            RawClient.Frame echo = client.readFrame();
            assertEquals(8, echo.opcode());
            return ((echo.payload()[0] & 0xff) << 8) | (echo.payload()[1] & 0xff);
        }

        @Override
        public void close() throws java.io.IOException {
            client.close();
        }
    }

    /** The status line of a refused upgrade. */
    private static String refusal(String target, String... headers) throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.send(RawClient.upgrade(target, server.port(), headers));
            String head = c.readHead();
            c.readToEof();
            return head.substring(0, head.indexOf("\r\n"));
        }
    }

    @Test
    void theEndpointIsInjectedFromItsOwnHandshake() throws Exception {
        try (Greeted g = open("/inj/r%C3%B6%C3%B6m?tag=a&tag=b", WELL_KNOWN)) {
            assertEquals("tenant=acme room=rööm user=ada session=s-1 tags=[a, b] badge=- "
                    + "path=/inj/rööm tier=gold/gold", g.greeting());
        }
        try (Greeted g = open("/inj/two", "X-User: bob", "X-Tenant: other")) {
            assertEquals("tenant=other room=two user=bob session=- tags=[] badge=- path=/inj/two"
                    + " tier=gold/gold", g.greeting());
        }
    }

    @Test
    void aMissingRequiredHeaderRefusesTheUpgradeWith400AndCreatesNothing() throws Exception {
        assertEquals("HTTP/1.1 400 Bad Request", refusal("/inj/r", "X-User: ada"));
        assertEquals(0, Injected.ENDPOINTS_CREATED.get());
    }

    @Test
    void theGuardRefusesBeforeAnyInjection() throws Exception {
        assertEquals("HTTP/1.1 401 Who Are You", refusal("/inj/r", "X-Tenant: acme"));
        assertEquals(0, Injected.ENDPOINTS_CREATED.get());
    }

    @Test
    void connectionScopedBeansBelongToOneConnectionAndDieWithIt() throws Exception {
        try (Greeted a = open("/inj/a", WELL_KNOWN); Greeted b = open("/inj/b", WELL_KNOWN)) {
            assertEquals("TALLY 1 TRUE", a.say("tally"));
            assertEquals("TALLY 2 TRUE", a.say("tally"));
            assertEquals("TALLY 1 TRUE", b.say("tally"));
            assertEquals(2, Injected.SCOPED_CREATED.get());
            assertEquals(1000, a.closeWith(1000));
            assertTrue(Injected.TALLY_GONE.tryAcquire(10, TimeUnit.SECONDS));
            assertEquals(1, Injected.SCOPED_DESTROYED.get());
            assertEquals("TALLY 2 TRUE", b.say("tally"), "the other connection keeps its own");
        }
        assertTrue(Injected.TALLY_GONE.tryAcquire(10, TimeUnit.SECONDS));
        assertEquals(2, Injected.SCOPED_DESTROYED.get());
    }

    @Test
    void theConnectionScopeIsActiveInPongCallbacks() throws Exception {
        try (Greeted g = open("/inj/r", WELL_KNOWN)) {
            assertEquals("TALLY 1 TRUE", g.say("tally"));
            g.client().send(RawClient.maskedFrame(0xA, "p1".getBytes(StandardCharsets.UTF_8)));
            assertEquals("pong p1 tally 3", g.client().readFrame().text(),
                    "the pong event ran first, in the same connection scope");
            assertTrue(Injected.EVENTS.contains("pong event tally 2"), Injected.EVENTS.toString());
        }
    }

    @Test
    void eachMessageGetsItsOwnRequestScope() throws Exception {
        try (Greeted g = open("/inj/r", WELL_KNOWN)) {
            int first = Integer.parseInt(g.say("request").split(" ")[1]);
            assertEquals("REQUEST " + (first + 1) + " " + (first + 1), g.say("request"),
                    "one instance within a message, a new one for the next");
        }
    }

    @Test
    void standInsInApplicationScopedBeansResolveToTheRunningConnection() throws Exception {
        try (Greeted a = open("/inj/a", WELL_KNOWN); Greeted b = open("/inj/b", WELL_KNOWN)) {
            assertEquals("PRESENCE TRUE TRUE", a.say("presence"));
            assertEquals("PRESENCE TRUE TRUE", b.say("presence"),
                    "a dependent held by an application-scoped bean must not keep the first connection");
        }
    }

    @Test
    void interceptorsAndDecoratorsApplyToTheEndpoint() throws Exception {
        try (Greeted g = open("/inj/r", WELL_KNOWN)) {
            assertEquals("HELLO", g.say("hello"), "the decorator upper-cases the echo");
            assertEquals(1, Injected.INTERCEPTED.size());
            assertTrue(Injected.INTERCEPTED.peek().startsWith("echo "), Injected.INTERCEPTED.toString());
        }
    }

    @Test
    void theEndpointIsDestroyedOnceWhenTheConnectionEnds() throws Exception {
        try (Greeted g = open("/inj/r", WELL_KNOWN)) {
            assertEquals(1, Injected.ENDPOINTS_CREATED.get());
            assertEquals(1000, g.closeWith(1000));
        }
        assertTrue(Injected.ENDPOINT_GONE.tryAcquire(10, TimeUnit.SECONDS));
        assertEquals(1, Injected.ENDPOINTS_DESTROYED.get());
    }

    @Test
    void lifecycleEventsReachEveryObserverEvenWhenOneThrows() throws Exception {
        try (Greeted g = open("/inj/r", WELL_KNOWN)) {
            assertEquals(4001, g.closeWith(4001));
        }
        assertTrue(Injected.ENDPOINT_GONE.tryAcquire(10, TimeUnit.SECONDS));
        List<String> events = List.copyOf(Injected.EVENTS);
        assertTrue(events.contains("opened true true"), events.toString());
        assertTrue(events.contains("onclose 4001"), events.toString());
        assertTrue(events.contains("closed 4001 false"), events.toString());
    }

    @Test
    void aFailingCallbackFiresTheErrorEvent() throws Exception {
        try (Greeted g = open("/inj/r", WELL_KNOWN)) {
            g.client().send(RawClient.maskedFrame(1, "fail".getBytes(StandardCharsets.UTF_8)));
            assertEquals("STILL HERE", g.say("still here"), "the connection survives the failure");
            g.client().send(RawClient.maskedFrame(1, "close".getBytes(StandardCharsets.UTF_8)));
            RawClient.Frame close = g.client().readFrame();
            assertEquals(8, close.opcode());
            assertEquals(4000, ((close.payload()[0] & 0xff) << 8) | (close.payload()[1] & 0xff));
        }
        assertTrue(Injected.ENDPOINT_GONE.tryAcquire(10, TimeUnit.SECONDS));
        assertTrue(Injected.EVENTS.contains("error asked to fail"), Injected.EVENTS.toString());
        assertTrue(Injected.EVENTS.contains("closed 4000 false"), Injected.EVENTS.toString());
    }

    @Test
    void programmaticEndpointsAreBeansWithTheSameInjectionAndScope() throws Exception {
        try (Greeted g = open("/feed", WELL_KNOWN)) {
            assertEquals("feed open 1", g.greeting());
            assertEquals("feed x 2 acme", g.say("x"), "the connection scope is active in handlers");
            assertEquals(1000, g.closeWith(1000));
        }
        assertTrue(Injected.ENDPOINT_GONE.tryAcquire(10, TimeUnit.SECONDS));
        assertTrue(Injected.TALLY_GONE.tryAcquire(10, TimeUnit.SECONDS));
    }

    @Test
    void runActivatesTheConnectionScopeFromAnyThread() throws Exception {
        try (Greeted g = open("/inj/r", WELL_KNOWN)) {
            assertEquals("TALLY 1 TRUE", g.say("tally"));
            Connection connection = Injected.OPEN.values().iterator().next();
            Injected.Tally tally = server.container().select(Injected.Tally.class).get();
            assertEquals(2, connection.call(tally::next), "the same instance as in the callbacks");
            assertTrue(connection.run(tally::next));
            assertEquals("TALLY 4 TRUE", g.say("tally"));
            assertEquals(1000, g.closeWith(1000));
            assertTrue(Injected.TALLY_GONE.tryAcquire(10, TimeUnit.SECONDS));
            assertEquals(false, connection.run(tally::next), "an ended connection runs nothing");
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> connection.call(tally::next));
            assertTrue(e.getMessage().startsWith("SWB-1107"), e.getMessage());
            assertEquals(false, connection.isOpen());
            assertEquals(io.github.switchboard.SendResult.Status.CLOSED,
                    connection.send("late").status(), "sending on an ended connection reports");
            connection.close(); // idempotent: nothing happens, nothing throws
        }
    }

    @Test
    void standInsFailClearlyOutsideAnyConnection() {
        Injected.Presence presence = server.container().select(Injected.Presence.class).get();
        IllegalStateException e = assertThrows(IllegalStateException.class, presence::whoIsRunning);
        assertTrue(e.getMessage().startsWith("SWB-1104"), e.getMessage());
    }

    @Test
    void aValueMissingWhenABeanNeedsItLaterClosesTheConnectionWith1008() throws Exception {
        try (Greeted g = open("/inj/r", WELL_KNOWN)) {
            g.client().send(RawClient.maskedFrame(1, "trace".getBytes(StandardCharsets.UTF_8)));
            RawClient.Frame close = g.client().readFrame();
            assertEquals(8, close.opcode());
            assertEquals(1008, ((close.payload()[0] & 0xff) << 8) | (close.payload()[1] & 0xff));
            assertEquals("missing header X-Trace", new String(close.payload(), 2,
                    close.payload().length - 2, StandardCharsets.UTF_8));
        }
        try (Greeted g = open("/inj/r", "X-User: ada", "X-Tenant: acme", "X-Trace: t-9")) {
            assertEquals("TRACE T-9", g.say("trace"));
        }
    }

    @Test
    void asynchronousObserversGetTheEventsToo() throws Exception {
        try (Greeted g = open("/inj/r", WELL_KNOWN)) {
            assertTrue(Injected.ASYNC.await(10, TimeUnit.SECONDS));
        }
    }
}
