package io.github.switchboard.wildfly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The EE test application (it-tests/ee-app) deployed as a WAR to WildFly, whose WebSocket
 * implementation (Undertow) is not Tyrus, probed only from outside: raw sockets for exact
 * responses, the JDK's WebSocket client, and HTTP for the application's REST resource. The
 * scenarios are GlassFishTest's; the expectations are what WildFly does. Tests run one after
 * another (the stats are global).
 */
@ExtendWith(WildFlyServer.class)
class WildFlyTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void guardRefusalIsTheExactStatusWithoutUpgradeHeaders(URI base) throws Exception {
        Map<String, Integer> before = stats(base);
        RawUpgrade none = RawUpgrade.send(base, "/chat/lobby");
        assertEquals("HTTP/1.1 401 Unauthorized", none.head.lines().findFirst().orElseThrow(), none.toString());
        assertEquals(List.of("Bearer realm=\"ee\""), none.headers.get("www-authenticate"));
        assertRefusedCleanly(none);

        RawUpgrade banned = RawUpgrade.send(base, "/chat/lobby?token=banned");
        assertEquals(403, banned.status, banned.toString());
        assertRefusedCleanly(banned);
        Map<String, Integer> after = stats(base);
        assertEquals(before.get("endpointsCreated"), after.get("endpointsCreated"),
                "no endpoint instance for a refused upgrade");
        assertEquals(before.get("opened"), after.get("opened"), "no opened event");
    }

    @Test
    void originOfAnotherSiteIsRefusedSameOriginAndNonBrowsersAreNot(URI base) throws Exception {
        RawUpgrade evil = RawUpgrade.send(base, "/chat/lobby?token=ann", "Origin: http://evil.example");
        assertEquals(403, evil.status, evil.toString());
        assertRefusedCleanly(evil);
        RawUpgrade joined = RawUpgrade.send(base, "/chat/lobby?token=ann",
                "Origin: http://" + base.getAuthority() + ", http://evil.example");
        assertEquals(403, joined.status, joined.toString());
        RawUpgrade same = RawUpgrade.send(base, "/chat/lobby?token=ann",
                "Origin: http://" + base.getAuthority());
        assertEquals(101, same.status, same.toString());
        RawUpgrade noOrigin = RawUpgrade.send(base, "/chat/lobby?token=ann");
        assertEquals(101, noOrigin.status, noOrigin.toString());
    }

    @Test
    void handshakeContextIsCapturedAndServedToTheEndpoint(URI base) throws Exception {
        RawUpgrade r = RawUpgrade.send(base, "/chat/lobby?token=ann&q=a%20b",
                "X-Client: probe/1", "Cookie: pref=dark; other=1",
                "Origin: http://" + base.getAuthority());
        assertEquals(101, r.status, r.toString());
        assertEquals(1, r.opcode, r.toString());
        assertEquals("welcome user=ann room=lobby query=a b header=probe/1 cookie=dark "
                + "cookiesTrusted=true origin=http://" + base.getAuthority(),
                new String(r.payload, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void cookieValuesWithCommasArriveWholeAndAreTrusted(URI base) throws Exception {
        // Undertow does not split header values on commas: the Cookie header is what was sent.
        RawUpgrade r = RawUpgrade.send(base, "/chat/lobby?token=ann",
                "Cookie: pref=\"a,b\"; other=1");
        assertEquals(101, r.status, r.toString());
        String welcome = new String(r.payload, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(welcome.contains("cookiesTrusted=true"), welcome);
        assertTrue(welcome.contains("cookie=a,b ") || welcome.contains("cookie=\"a,b\" "), welcome);
    }

    @Test
    void connectionScopedBeanAndEndpointLiveExactlyAsLongAsTheirConnection(URI base)
            throws Exception {
        Map<String, Integer> before = stats(base);
        String idA;
        String idB;
        try (Client a = Client.connect(base, "/chat/scope?token=ann");
                Client b = Client.connect(base, "/chat/scope?token=bob")) {
            assertTrue(a.next().startsWith("welcome user=ann room=scope"));
            assertTrue(b.next().startsWith("welcome user=bob room=scope"));
            idA = a.ask("visit");
            assertTrue(idA.matches("visit \\w{8} 1"), idA);
            assertEquals(idA.substring(0, idA.length() - 1) + "2", a.ask("visit"), "the same bean, counting");
            idB = b.ask("visit");
            assertNotEquals(idA.substring(0, 14), idB.substring(0, 14), "one bean per connection");
            assertEquals(1000, a.closeAndWait());
            assertEquals(1000, b.closeAndWait());
        }
        Map<String, Integer> after = awaitStats(base, s -> s.get("visitsDestroyed")
                - before.get("visitsDestroyed") == 2 && s.get("endpointsDestroyed")
                - before.get("endpointsDestroyed") == 2 && s.get("closed") - before.get("closed") == 2);
        assertEquals(2, after.get("visitsCreated") - before.get("visitsCreated"));
        assertEquals(2, after.get("endpointsCreated") - before.get("endpointsCreated"));
        assertEquals(2, after.get("opened") - before.get("opened"));
    }

    @Test
    void publishReachesTheRoomAndExcludesTheSender(URI base) throws Exception {
        try (Client a = Client.connect(base, "/chat/pub?token=ann");
                Client b = Client.connect(base, "/chat/pub?token=bob");
                Client c = Client.connect(base, "/chat/pub?token=cid")) {
            a.next();
            b.next();
            c.next();
            assertEquals("said 2", a.ask("say hi"));
            assertEquals("ann: hi", b.next());
            assertEquals("ann: hi", c.next());
            // The sender's next message is the answer to its next command, not its own publish.
            assertTrue(a.ask("ctx").startsWith("ctx user=ann"));
            assertEquals(1000, c.closeAndWait());
            assertEquals("left cid", a.next());
            assertEquals("left cid", b.next());
        }
    }

    @Test
    void restResourcePublishesToEverySubscriber(URI base) throws Exception {
        try (Client a = Client.connect(base, "/chat/news?token=ann");
                Client b = Client.connect(base, "/chat/news?token=bob")) {
            a.next();
            b.next();
            assertEquals("2", get(base, "/api/rooms/news/subscribers"));
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/rooms/news"))
                    .header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("extra!")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("2 2", r.body());
            assertEquals("extra!", a.next());
            assertEquals("extra!", b.next());
        }
        assertEquals("0 0", HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/rooms/empty"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("nobody")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /**
     * Undertow creates the endpoint right after the upgrade, on the thread that accepted it:
     * Switchboard creates it for its connection there, so a per-connection value injected as a
     * plain field is served (on GlassFish the same endpoint closes with 1011).
     */
    @Test
    void perConnectionValueInjectedAsAFieldIsServed(URI base) throws Exception {
        RawUpgrade r = RawUpgrade.send(base, "/strict?token=ann&name=zoe");
        assertEquals(101, r.status, r.toString());
        assertEquals(1, r.opcode, r.toString());
        assertEquals("name zoe", new String(r.payload, java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * A programmatic endpoint is not known to the guard filter (the container reports only
     * annotated ones), so its refusal takes the documented fallback: the upgrade completes and
     * the connection is closed at once with 4401/4403, before onOpen runs.
     */
    @Test
    void refusalWithoutTheFilterIsAnUpgradeClosedWith4401Or4403BeforeOnOpen(URI base)
            throws Exception {
        Map<String, Integer> before = stats(base);
        RawUpgrade none = RawUpgrade.send(base, "/programmatic");
        assertEquals(101, none.status, none.toString());
        assertEquals(4401, none.closeCode(), none.toString());
        RawUpgrade banned = RawUpgrade.send(base, "/programmatic?token=banned");
        assertEquals(4403, banned.closeCode(), banned.toString());
        RawUpgrade ok = RawUpgrade.send(base, "/programmatic?token=ann");
        assertEquals("programmatic user=ann",
                new String(ok.payload, java.nio.charset.StandardCharsets.UTF_8), ok.toString());
        Map<String, Integer> after = awaitStats(base,
                s -> s.get("opened") - before.get("opened") >= 1);
        assertEquals(1, after.get("opened") - before.get("opened"),
                "only the accepted connection opened");
    }

    private static void assertRefusedCleanly(RawUpgrade r) {
        for (String h : List.of("upgrade", "sec-websocket-accept", "sec-websocket-protocol",
                "sec-websocket-extensions")) {
            assertFalse(r.headers.containsKey(h), h + " in a refusal: " + r);
        }
        assertEquals(List.of("close"), r.headers.get("connection"), r.toString());
        // Switchboard's guard filter writes a short text body of the declared length, and then
        // the server closes the connection.
        assertEquals(1, r.headers.getOrDefault("content-length", List.of()).size(), r.toString());
        assertTrue(r.closed, "the connection is closed after the refusal: " + r);
    }

    private static String get(URI base, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static Map<String, Integer> stats(URI base) throws Exception {
        Map<String, Integer> out = new HashMap<>();
        for (String pair : get(base, "/api/stats").trim().split(" ")) {
            String[] kv = pair.split("=");
            out.put(kv[0], Integer.parseInt(kv[1]));
        }
        return out;
    }

    /** Polls the stats until {@code done} holds; fails after the client timeout. */
    private static Map<String, Integer> awaitStats(URI base,
            java.util.function.Predicate<Map<String, Integer>> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(Client.TIMEOUT_SECONDS).toNanos();
        Map<String, Integer> s = stats(base);
        while (!done.test(s)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("stats never reached the expected values: " + s);
            }
            // The counters live in the deployed WAR, behind HTTP: no latch reaches them, so this
            // polls; the deadline, not the interval, decides a failure.
            Thread.sleep(50);
            s = stats(base);
        }
        return s;
    }
}
