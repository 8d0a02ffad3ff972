package io.github.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A refused upgrade, seen byte by byte from a raw socket: the exact status line, no upgrade
 * headers, {@code Connection: close}, the server closes the TCP connection, and no endpoint
 * instance, no {@code @OnOpen}, no frame.
 */
class RejectionTest extends ContextServer {

    @BeforeEach
    void reset() {
        ContextEndpoint.reset();
    }

    private String refuse(String... headers) throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.send(RawClient.upgrade("/ctx/lobby", server.port(), headers));
            String head = client.readHead();
            byte[] rest = client.readToEof();
            assertEquals(0, rest.length, "no body and no frame after a refusal, got: "
                    + new String(rest, StandardCharsets.ISO_8859_1));
            assertNoUpgradeHappened();
            return head;
        }
    }

    private static void assertNoUpgradeHappened() {
        assertEquals(0, ContextEndpoint.INSTANCES.get(), "endpoint instances");
        assertEquals(0, ContextEndpoint.OPENS.get(), "@OnOpen calls");
        // (Not server.openConnections(): connections of earlier tests in this class may still be
        // closing on the server side; the two counters above are what proves no upgrade.)
    }

    private static void assertCleanRefusal(String head) {
        Map<String, List<String>> h = RawClient.headers(head);
        for (String forbidden : List.of("upgrade", "sec-websocket-accept", "sec-websocket-protocol",
                "sec-websocket-extensions")) {
            assertFalse(h.containsKey(forbidden), forbidden + " in a refusal: " + head);
        }
        assertEquals(List.of("close"), h.get("connection"), head);
    }

    @Test
    void guard401HasExactStatusChallengeAndNoUpgradeHeaders() throws Exception {
        String head = refuse("X-Mode: 401");
        assertEquals("HTTP/1.1 401 Unauthorized\r\n"
                + "WWW-Authenticate: Bearer realm=\"switchboard\"\r\n"
                + "Connection: close\r\n"
                + "Content-Length: 0\r\n\r\n", head);
        assertCleanRefusal(head);
    }

    @Test
    void guard403WithoutReasonGetsTheStandardPhrase() throws Exception {
        String head = refuse("X-Mode: 403");
        assertEquals("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
                head);
    }

    @Test
    void guard429CarriesRetryAfterAndItsOwnReason() throws Exception {
        String head = refuse("X-Mode: 429");
        assertEquals("HTTP/1.1 429 Slow Down\r\nRetry-After: 7\r\nConnection: close\r\n"
                + "Content-Length: 0\r\n\r\n", head);
    }

    @Test
    void throwingGuardGives500WithCorrelationIdAndNoSecret() throws Exception {
        String head = refuse("X-Mode: throw");
        assertTrue(head.startsWith("HTTP/1.1 500 Internal Server Error\r\n"), head);
        assertTrue(RawClient.headers(head).get("x-correlation-id").get(0)
                .matches("[0-9a-f-]{36}"), head);
        assertFalse(head.contains("secret-token"), head);
        assertCleanRefusal(head);
    }

    @Test
    void aGuardThrowingAnErrorStillGetsA500() throws Exception {
        String head = refuse("X-Mode: error");
        assertTrue(head.startsWith("HTTP/1.1 500 Internal Server Error\r\n"), head);
        assertCleanRefusal(head);
    }

    @Test
    void repeatedRefusalHeadersAreSeparateLinesNotCommaJoined() throws Exception {
        String head = refuse("X-Mode: cookies");
        assertEquals(List.of("sid=; Expires=Wed, 21 Oct 2015 07:28:00 GMT", "csrf=; Max-Age=0"),
                RawClient.headers(head).get("set-cookie"), head);
        assertCleanRefusal(head);
    }

    /** A same-origin browser upgrade from a page served under {@code hostAndPort}. */
    private static RawClient browserUpgradeAs(String hostAndPort) throws Exception {
        RawClient client = new RawClient(server.port());
        client.send(RawClient.upgrade("/ctx/lobby", server.port(), "Origin: http://" + hostAndPort)
                .replace("Host: 127.0.0.1:" + server.port(), "Host: " + hostAndPort));
        return client;
    }

    @Test
    void aDnsRebindingHostIsRefusedEvenWhenOriginEqualsHost() throws Exception {
        try (RawClient client = browserUpgradeAs("rebind.attacker.example:" + server.port())) {
            String head = client.readHead();
            assertTrue(head.startsWith("HTTP/1.1 403 Forbidden\r\n"), head);
            assertEquals(0, client.readToEof().length);
        }
        assertNoUpgradeHappened();
    }

    @Test
    void localhostIsAServedNameOnALoopbackServer() throws Exception {
        try (RawClient client = browserUpgradeAs("localhost:" + server.port())) {
            String head = client.readHead();
            assertTrue(head.startsWith("HTTP/1.1 101 "), head);
            assertTrue(client.readFrame().text().startsWith("id=")); // @OnOpen has run
        }
    }

    @Test
    void matrixParametersCannotSmuggleAPathValuePastAGuard() throws Exception {
        // Tyrus matches /ctx/forbidden;x=1 to {room} = "forbidden": the guard must see that too.
        try (RawClient client = new RawClient(server.port())) {
            client.send(RawClient.upgrade("/ctx/forbidden;x=1", server.port()));
            String head = client.readHead();
            assertTrue(head.startsWith("HTTP/1.1 403 Room Forbidden\r\n"), head);
            client.readToEof();
        }
        assertNoUpgradeHappened();
    }

    @Test
    void crossOriginIsRefusedWith403() throws Exception {
        String head = refuse("Origin: https://evil.example");
        assertEquals("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
                head);
    }

    @Test
    void repeatedOriginIsRefusedEvenWhenOneMatches() throws Exception {
        int port = server.port();
        String head = refuse("Origin: http://127.0.0.1:" + port, "Origin: http://127.0.0.1:" + port);
        assertTrue(head.startsWith("HTTP/1.1 403 Forbidden\r\n"), head);
        head = refuse("Origin: http://127.0.0.1:" + port + ", https://evil.example");
        assertTrue(head.startsWith("HTTP/1.1 403 Forbidden\r\n"), head);
    }

    @Test
    void sameOriginAndNoOriginAreAccepted() throws Exception {
        for (String[] headers : List.of(new String[] {"Origin: http://127.0.0.1:" + server.port()},
                new String[0])) {
            try (RawClient client = new RawClient(server.port())) {
                client.send(RawClient.upgrade("/ctx/lobby", server.port(), headers));
                String head = client.readHead();
                assertTrue(head.startsWith("HTTP/1.1 101 "), head);
                assertTrue(client.readFrame().text().startsWith("id="));
            }
        }
    }

    @Test
    void bytesSentAfterARefusalAreNotProcessed() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            String request = RawClient.upgrade("/ctx/lobby", server.port(), "X-Mode: 401");
            // A second request pipelined behind the refused one must not be answered.
            client.send(request + RawClient.upgrade("/ctx/lobby", server.port()));
            String head = client.readHead();
            assertTrue(head.startsWith("HTTP/1.1 401 "), head);
            assertEquals(0, client.readToEof().length);
        }
        assertNoUpgradeHappened();
    }
}
