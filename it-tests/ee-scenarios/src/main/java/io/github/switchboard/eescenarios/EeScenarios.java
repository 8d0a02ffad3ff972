package io.github.switchboard.eescenarios;

import static io.github.switchboard.eescenarios.Http.awaitStats;
import static io.github.switchboard.eescenarios.Http.get;
import static io.github.switchboard.eescenarios.Http.post;
import static io.github.switchboard.eescenarios.Http.stats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The black-box scenarios of the EE test application (it-tests/ee-app), written once and run
 * against every runtime: a subclass names the runtime's {@link #traits()} and registers a JUnit
 * extension that starts it once per run and resolves the application's base URI (a {@link URI}
 * parameter, without a trailing slash) for every test. Everything is probed from outside: raw
 * sockets for exact responses, the JDK's WebSocket client, and HTTP for the application's
 * counters and its publish resource. Tests in a class run one after another (the counters are
 * global to the application).
 */
public abstract class EeScenarios {

    /** What this runtime does differently. */
    protected abstract Traits traits();

    @Test
    void guardRefusalIsTheExactStatusWithoutUpgradeHeaders(URI base) throws Exception {
        Map<String, Integer> before = stats(base);
        RawUpgrade none = RawUpgrade.send(base, "/chat/lobby");
        assertEquals("HTTP/1.1 401 Unauthorized", none.head.lines().findFirst().orElseThrow(),
                none.toString());
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
                new String(r.payload, StandardCharsets.UTF_8));
    }

    @Test
    void cookieValuesWithCommasAreKeptOrFlaggedAsPossiblyDamaged(URI base) throws Exception {
        RawUpgrade r = RawUpgrade.send(base, "/chat/lobby?token=ann",
                "Cookie: pref=\"a,b\"; other=1");
        assertEquals(101, r.status, r.toString());
        String welcome = new String(r.payload, StandardCharsets.UTF_8);
        if (traits().splitsCookieHeaderCommas()) {
            // The container split the header on its comma: Switchboard cannot trust it.
            assertTrue(welcome.contains("cookiesTrusted=false"), welcome);
        } else {
            assertTrue(welcome.contains("cookie=\"a,b\" cookiesTrusted=true")
                    || welcome.contains("cookie=a,b cookiesTrusted=true"), welcome);
        }
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
            assertEquals(idA.substring(0, idA.length() - 1) + "2", a.ask("visit"),
                    "the same bean, counting");
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
    void serverPublishFromAnHttpRequestReachesEverySubscriber(URI base) throws Exception {
        try (Client a = Client.connect(base, "/chat/news?token=ann");
                Client b = Client.connect(base, "/chat/news?token=bob")) {
            a.next();
            b.next();
            assertEquals("2", get(base, "/api/rooms/news/subscribers"));
            HttpResponse<String> r = post(base, "/api/rooms/news", "extra!");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("2 2", r.body());
            assertEquals("extra!", a.next());
            assertEquals("extra!", b.next());
        }
        assertEquals("0 0", post(base, "/api/rooms/empty", "nobody").body());
    }

    @Test
    void aScheduledTaskPublishesToEverySubscriber(URI base) throws Exception {
        try (Client a = Client.connect(base, "/chat/ticker?token=ann");
                Client b = Client.connect(base, "/chat/ticker?token=bob")) {
            for (Client c : List.of(a, b)) {
                long previous = -1;
                for (int ticks = 0, seen = 0; ticks < 2; seen++) {
                    assertTrue(seen < 4, "two ticks among the first messages");
                    String m = c.next();
                    if (m.startsWith("welcome")) {
                        continue; // a tick may come first: @OnOpen subscribes, then greets
                    }
                    assertTrue(m.matches("tick \\d+"), m);
                    long n = Long.parseLong(m.substring(5));
                    assertTrue(n > previous, "ticks in order: " + n + " after " + previous);
                    previous = n;
                    ticks++;
                }
            }
        }
    }

    @Test
    void aClientThatStopsReadingLosesWhatItsBufferCannotHoldAndNothingElse(URI base)
            throws Exception {
        Map<String, Integer> before = stats(base);
        try (RawSocket s = RawSocket.open(base, "/flood?token=ann")) {
            // 16 MiB against a 64 KiB outbound buffer, to a client that does not read yet.
            s.sendText("flood 2000 8192");
            Map<String, Integer> after = awaitStats(base,
                    st -> st.get("floods") > before.get("floods"));
            int accepted = after.get("floodAccepted") - before.get("floodAccepted");
            int dropped = after.get("floodDropped") - before.get("floodDropped");
            assertEquals(0, after.get("floodClosed") - before.get("floodClosed"), after.toString());
            assertEquals(2000, accepted + dropped, after.toString());
            assertTrue(dropped > 0, "the buffer's limit was reached: " + after);
            int last = -1;
            for (int i = 0; i < accepted; i++) {
                RawSocket.Frame f = s.next();
                assertEquals(1, f.opcode(), "message " + i + " of " + accepted);
                assertEquals(8192, f.payload().length);
                int seq = Integer.parseInt(f.text().substring(0, 8));
                assertTrue(seq > last, "in order: " + seq + " after " + last);
                last = seq;
            }
            // Everything accepted arrived, nothing dropped follows, and the connection lives.
            s.sendText("still there?");
            assertEquals("alive", s.next().text());
        }
    }

    @Test
    void withTheClosingPolicyAClientThatStopsReadingIsClosedWith1008(URI base)
            throws Exception {
        Map<String, Integer> before = stats(base);
        try (RawSocket s = RawSocket.open(base, "/flood-close?token=ann")) {
            s.sendText("flood 2000 8192");
            Map<String, Integer> after = awaitStats(base,
                    st -> st.get("floods") > before.get("floods"));
            int accepted = after.get("floodAccepted") - before.get("floodAccepted");
            int dropped = after.get("floodDropped") - before.get("floodDropped");
            int closed = after.get("floodClosed") - before.get("floodClosed");
            assertEquals(2000, accepted + dropped + closed, after.toString());
            // The message that crossed the limit is not sent (DROPPED), the connection closes,
            // and every later send reports CLOSED.
            assertTrue(dropped <= 1, "only the message that crossed the limit: " + after);
            assertTrue(closed > 0, "sends after the close report CLOSED: " + after);
            int last = -1;
            for (int i = 0; i <= accepted; i++) {
                RawSocket.Frame f = s.nextOrEnd();
                if (f == null) {
                    assertFalse(traits().backpressureCloseSendsCloseFrame(),
                            "the connection ended without a close frame after " + i + ": " + after);
                    return; // the documented difference: the client sees 1006
                }
                if (f.opcode() == 8) {
                    assertEquals(1008, f.closeCode(), "backpressure limit");
                    return;
                }
                assertEquals(1, f.opcode());
                int seq = Integer.parseInt(f.text().substring(0, 8));
                assertTrue(seq > last, "in order: " + seq + " after " + last);
                last = seq;
            }
            throw new AssertionError("no close frame after " + accepted + " messages: " + after);
        }
    }

    @Test
    void aMessageOverTheEndpointsSizeLimitClosesWith1009(URI base) throws Exception {
        try (RawSocket s = RawSocket.open(base, "/limited?token=ann")) {
            s.sendText("x".repeat(1024));
            assertEquals("echo 1 1024", s.next().text());
            s.sendText("y".repeat(1025));
            RawSocket.Frame f = s.next();
            assertEquals(8, f.opcode(), f.text());
            assertEquals(1009, f.closeCode());
        }
    }

    @Test
    void aBurstOverTheEndpointsRateIsServedUpToItThenClosedWith1008(URI base) throws Exception {
        try (RawSocket s = RawSocket.open(base, "/limited?token=ann")) {
            for (int i = 0; i < 20; i++) {
                s.sendText("m");
            }
            int echoes = 0;
            while (true) {
                RawSocket.Frame f = s.next();
                if (f.opcode() == 8) {
                    assertEquals(1008, f.closeCode());
                    break;
                }
                echoes++;
                assertEquals("echo " + echoes + " 1", f.text());
            }
            // A bucket of 5 per second: the burst's first 5 pass (more only if it refilled).
            assertTrue(echoes >= 5 && echoes < 20, echoes + " echoes");
        }
    }

    /**
     * Per-connection values injected as plain fields need the container to create the instance
     * for a known connection (DESIGN.md §5): then each connection keeps its own values, no
     * callback needs a {@code Session} parameter, and a handshake that lacks a required value is
     * refused before the upgrade. Where the container cannot, the upgrade succeeds and the
     * container closes with 1011 at once (the documented gap).
     */
    @Test
    void perConnectionValuesInjectedAsFieldsArriveWithoutASessionParameter(URI base)
            throws Exception {
        if (!traits().injectsPerConnectionFields()) {
            assertPerConnectionFieldsFail(base, "/strict?token=ann&name=zoe");
            assertPerConnectionFieldsFail(base, "/lazy?token=ann&name=lee");
            return;
        }
        Map<String, Integer> before = stats(base);
        RawUpgrade noHeader = RawUpgrade.send(base, "/fields/a?token=ann&name=x", "Cookie: pref=1");
        assertEquals(400, noHeader.status, "the X-Client field cannot be filled: " + noHeader);
        if (!traits().bindsWithoutSessionParameter()) {
            // The fields are filled, but the connection learns its session only from a callback
            // that declares one: what @OnOpen sent through Connection before that is not
            // delivered (the first message is the answer), a callback's return value is.
            try (Client a = Client.connect(base, "/fields/red?token=ann&name=amy",
                            "X-Client", "probe/a", "Cookie", "pref=dark");
                    Client strict = Client.connect(base, "/strict?token=dan&name=zoe")) {
                assertEquals("name zoe", strict.next(), "with a Session parameter");
                assertEquals("again name=amy client=probe/a pref=dark room=red user=ann",
                        a.ask("again"));
                assertEquals(1000, a.closeAndWait());
                assertEquals(1000, strict.closeAndWait());
            }
            return;
        }

        try (Client a = Client.connect(base, "/fields/red?token=ann&name=amy",
                        "X-Client", "probe/a", "Cookie", "pref=dark");
                Client b = Client.connect(base, "/fields/blue?token=bob&name=ben",
                        "X-Client", "probe/b", "Cookie", "pref=light");
                Client lazy = Client.connect(base, "/lazy?token=cid&name=lee");
                Client strict = Client.connect(base, "/strict?token=dan&name=zoe")) {
            assertEquals("name zoe", strict.next(), "a Session parameter still works");
            assertEquals("open name=amy client=probe/a pref=dark room=red user=ann", a.next());
            assertEquals("open name=ben client=probe/b pref=light room=blue user=bob", b.next());
            assertEquals("again name=ben client=probe/b pref=light room=blue user=bob",
                    b.ask("again"));
            assertEquals("again name=amy client=probe/a pref=dark room=red user=ann",
                    a.ask("again"));
            assertEquals("lee: hi", lazy.ask("hi"), "created at the first message");
            assertEquals(1000, a.closeAndWait());
            assertEquals(1000, b.closeAndWait());
            assertEquals(1000, lazy.closeAndWait());
            assertEquals(1000, strict.closeAndWait());
        }
        // a, b, lazy and strict: opened once each (most without a Session anywhere), and each
        // finished once.
        Map<String, Integer> after = awaitStats(base,
                s -> s.get("closed") - before.get("closed") == 4);
        assertEquals(4, after.get("opened") - before.get("opened"), after.toString());
    }

    /**
     * A client that drops its TCP connection without a close frame, on an endpoint with neither
     * {@code @OnOpen} nor {@code @OnClose} nor a {@code Session} parameter: its connection is
     * finished all the same and the endpoint instance destroyed (on WildFly once leaked until
     * undeployment). Where per-connection fields cannot be injected (Open Liberty) that endpoint
     * cannot exist, and the drop is probed on an endpoint with {@code @OnOpen(Session)} and
     * {@code @OnClose(Session)} instead.
     */
    @Test
    void aClientThatDropsTcpWithoutACloseFrameIsFinishedWithoutOnClose(URI base)
            throws Exception {
        if (!traits().injectsPerConnectionFields()) {
            // /lazy injects a per-connection field, which cannot be created here (the scenario
            // above): the drop is probed on /chat, whose @OnOpen and @OnClose declare a Session,
            // the form such a runtime documents.
            Map<String, Integer> before = awaitStats(base,
                    s -> s.get("endpointsCreated").equals(s.get("endpointsDestroyed")));
            try (RawSocket s = RawSocket.open(base, "/chat/drop?token=ann")) {
                String welcome = s.next().text();
                assertTrue(welcome.startsWith("welcome user=ann room=drop"), welcome);
            } // closes the socket: no close frame
            Map<String, Integer> after = awaitStats(base,
                    s -> s.get("endpointsDestroyed") - before.get("endpointsDestroyed") == 1
                            && s.get("closed") - before.get("closed") >= 1);
            assertEquals(1, after.get("endpointsCreated") - before.get("endpointsCreated"),
                    after.toString());
            return;
        }
        // Earlier scenarios' lazy endpoints are gone first, so the counts below are this one's.
        Map<String, Integer> before = awaitStats(base,
                s -> s.get("lazyCreated").equals(s.get("lazyDestroyed")));
        try (RawSocket s = RawSocket.open(base, "/lazy?token=ann&name=tcp")) {
            s.sendText("hi");
            assertEquals("tcp: hi", s.next().text());
        } // closes the socket: no close frame
        Map<String, Integer> after = awaitStats(base,
                s -> s.get("lazyDestroyed") - before.get("lazyDestroyed") == 1);
        assertEquals(1, after.get("lazyCreated") - before.get("lazyCreated"), after.toString());
    }

    /**
     * The documented gap where the container cannot create an endpoint for its connection: the
     * creation of an endpoint with a per-connection field fails (SWB-1104), and the container
     * either upgrades and closes with 1011 at once, or, where it creates the instance before
     * upgrading, answers 500 without upgrading. {@code @OnOpen} never runs.
     */
    protected void assertPerConnectionFieldsFail(URI base, String pathAndQuery) throws Exception {
        Map<String, Integer> before = stats(base);
        RawUpgrade r = RawUpgrade.send(base, pathAndQuery);
        String hint = traits().name() + " now creates the endpoint for its connection: update "
                + "docs/deploying-to-ee-servers.md and its Traits. " + r;
        if (traits().createsEndpointBeforeUpgrade()) {
            assertEquals(500, r.status, hint);
            assertFalse(r.headers.containsKey("sec-websocket-accept"), r.toString());
        } else {
            assertEquals(101, r.status, hint);
            assertEquals(1011, r.closeCode(), hint);
        }
        assertEquals(before.get("opened"), stats(base).get("opened"), "no opened event");
    }

    /**
     * A refusal: no upgrade headers, one declared body length, and the server closes the
     * connection after it.
     */
    protected void assertRefusedCleanly(RawUpgrade r) {
        for (String h : List.of("upgrade", "sec-websocket-accept", "sec-websocket-protocol",
                "sec-websocket-extensions")) {
            assertFalse(r.headers.containsKey(h), h + " in a refusal: " + r);
        }
        assertEquals(List.of("close"), r.headers.get("connection"), r.toString());
        // The body is exactly what the head declares (GlassFish writes its HTML error page; a
        // Content-Length of 0 set by the configurator once made that page look like a second
        // response on a connection left open), and then the server closes the connection.
        assertEquals(1, r.headers.getOrDefault("content-length", List.of()).size(), r.toString());
        assertTrue(r.closed, "the connection is closed after the refusal: " + r);
    }
}
