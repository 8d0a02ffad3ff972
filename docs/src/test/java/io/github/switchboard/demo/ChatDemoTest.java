package io.github.switchboard.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's server side without a browser: the page and API on the WebSocket's port, signed
 * session cookies, the chat protocol, and what it refuses. {@link ChatBrowserTest} drives the
 * page itself in Chromium.
 */
class ChatDemoTest {

    private static EmbeddedServer server;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        server = ChatDemo.start("127.0.0.1", 0, Duration.ofMillis(200));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A client that queues every text message it receives. */
    private static final class Inbox implements WebSocket.Listener {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            lines.add(data.toString());
            ws.request(1);
            return null;
        }

        /** The next message that is not a clock tick. */
        String next() throws InterruptedException {
            while (true) {
                String line = lines.poll(15, TimeUnit.SECONDS);
                if (line == null) {
                    throw new AssertionError("no message within 15 s");
                }
                if (!line.startsWith("{\"type\":\"clock\"")) {
                    return line;
                }
            }
        }

        String nextClock() throws InterruptedException {
            while (true) {
                String line = lines.poll(15, TimeUnit.SECONDS);
                if (line == null) {
                    throw new AssertionError("no clock tick within 15 s");
                }
                if (line.startsWith("{\"type\":\"clock\"")) {
                    return line;
                }
            }
        }
    }

    private static URI http(String target) {
        return URI.create("http://127.0.0.1:" + server.port() + target);
    }

    private static HttpResponse<String> post(String target, String form, String cookie)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(http(target)).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in over HTTP; the {@code name=value} of the session cookie. */
    static String signIn(String name) throws Exception {
        HttpResponse<String> r = post("/api/session",
                "name=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8),
                null);
        assertEquals(200, r.statusCode(), r.body());
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"),
                setCookie);
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static WebSocket connect(String cookie, Inbox inbox) throws Exception {
        WebSocket.Builder b = HTTP.newWebSocketBuilder();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return b.buildAsync(server.uri("/chat"), inbox).get(15, TimeUnit.SECONDS);
    }

    @Test
    void servesThePageAndItsScriptOnTheSamePort() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(http("/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>Switchboard chat</title>"));
        HttpResponse<String> js = HTTP.send(HttpRequest.newBuilder(http("/app.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(js.body().contains("textContent"));
        assertTrue(!js.body().contains("innerHTML ="), "the page never assigns markup");
    }

    @Test
    void twoPeopleChatSeeJoinsCountsAndTheirOwnLineIsNotEchoed() throws Exception {
        Inbox ada = new Inbox();
        Inbox bob = new Inbox();
        WebSocket a = connect(signIn("ada"), ada);
        assertEquals("{\"type\":\"welcome\",\"name\":\"ada\"}", ada.next());
        a.sendText("{\"type\":\"join\",\"room\":\"tea\"}", true);
        assertTrue(ada.next().matches(".*\"type\":\"joined\".*\"name\":\"ada\",\"count\":1}"));
        WebSocket b = connect(signIn("<b>bob</b>"), bob);
        bob.next(); // welcome
        b.sendText("{\"type\":\"join\",\"room\":\"tea\"}", true);
        String joined = ada.next();
        assertTrue(joined.contains("\"name\":\"<b>bob</b>\",\"count\":2"), joined);
        bob.next(); // his own join
        b.sendText("{\"type\":\"say\",\"text\":\"hi \\\"ada\\\" <i>\"}", true);
        String said = ada.next();
        assertTrue(said.contains("\"from\":\"<b>bob</b>\",\"text\":\"hi \\\"ada\\\" <i>\""), said);
        a.sendText("{\"type\":\"say\",\"text\":\"hello\"}", true);
        assertTrue(bob.next().contains("\"text\":\"hello\""));
        b.sendText("{\"type\":\"say\",\"text\":\"after\"}", true);
        assertTrue(ada.next().contains("\"text\":\"after\""), "ada got no echo of 'hello' first");
        b.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(15, TimeUnit.SECONDS);
        String left = ada.next();
        assertTrue(left.contains("\"type\":\"left\"") && left.contains("\"count\":1"), left);
        a.abort();
    }

    @Test
    void theClockTicksOnItsTopic() throws Exception {
        Inbox eve = new Inbox();
        WebSocket e = connect(signIn("eve"), eve);
        assertTrue(eve.nextClock().contains("\"time\":\""));
        e.abort();
    }

    @Test
    void anAnnouncementOverHttpReachesEveryoneInTheRoom() throws Exception {
        Inbox ada = new Inbox();
        WebSocket a = connect(signIn("ada"), ada);
        ada.next();
        a.sendText("{\"type\":\"join\",\"room\":\"news\"}", true);
        ada.next();
        String ops = signIn("ops");
        HttpResponse<String> r = post("/api/broadcast", "room=news&text=deploy%20at%20noon", ops);
        assertEquals("{\"recipients\":1}", r.body());
        String got = ada.next();
        assertTrue(got.contains("\"type\":\"announcement\"") && got.contains("deploy at noon"), got);
        assertEquals(401, post("/api/broadcast", "room=news&text=x", null).statusCode());
        assertEquals(400, post("/api/broadcast", "room=News!&text=x", ops).statusCode());
        a.abort();
    }

    /** The value of the Prometheus sample {@code name{labels}} in {@code scrape}, or 0. */
    private static double sample(String scrape, String name, String labels) {
        String prefix = name + (labels.isEmpty() ? "" : "{" + labels + "}") + " ";
        return scrape.lines().filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(prefix.length()).trim()))
                .findFirst().orElse(0);
    }

    private static String scrape() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(http("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        return r.body();
    }

    @Test
    void theMetricsEndpointCountsRealTraffic() throws Exception {
        String before = scrape();
        Inbox ada = new Inbox();
        Inbox bob = new Inbox();
        WebSocket a = connect(signIn("ada"), ada);
        ada.next();
        a.sendText("{\"type\":\"join\",\"room\":\"metrics\"}", true);
        ada.next();
        WebSocket b = connect(signIn("bob"), bob);
        bob.next();
        b.sendText("{\"type\":\"join\",\"room\":\"metrics\"}", true);
        ada.next(); // bob joined
        bob.next();
        b.sendText("{\"type\":\"say\",\"text\":\"counted\"}", true);
        assertTrue(ada.next().contains("counted"));
        String after = scrape();
        assertTrue(sample(after, "switchboard_connections_opened_total", "")
                >= sample(before, "switchboard_connections_opened_total", "") + 2, after);
        assertTrue(sample(after, "switchboard_publishes_total", "origin=\"connection\"")
                >= sample(before, "switchboard_publishes_total", "origin=\"connection\"") + 1,
                after);
        assertTrue(sample(after, "switchboard_messages_total", "direction=\"in\"")
                >= sample(before, "switchboard_messages_total", "direction=\"in\"") + 3, after);
        assertTrue(sample(after, "switchboard_connections_open", "") >= 2, after);
        assertFalse(after.contains("metrics\""), "no tag carries a topic or room name");
        a.abort();
        b.abort();
    }

    @Test
    void theProbesAnswerOnTheSamePort() throws Exception {
        for (String probe : new String[] {"/health/live", "/health/ready"}) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(http(probe)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), probe);
            assertTrue(r.body().startsWith("{"), r.body());
        }
    }

    @Test
    void aCrossOriginAnnouncementIsRefused() throws Exception {
        HttpRequest r = HttpRequest.newBuilder(http("/api/broadcast"))
                .header("Origin", "https://evil.example").header("Cookie", signIn("ada"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("room=lobby&text=x")).build();
        assertEquals(403, HTTP.send(r, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void theGuardRefusesMissingUnsignedForgedAndDoubledCookiesWith401() throws Exception {
        String good = signIn("ada");
        String value = good.substring(good.indexOf('=') + 1);
        assertEquals(401, refusedStatus(null));
        assertEquals(401, refusedStatus("sb_session=ada"));
        // The name part swapped for another one, the signature kept.
        String[] parts = value.split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("admin".getBytes()) + "." + parts[2] + "." + parts[3];
        assertEquals(401, refusedStatus("sb_session=" + forged));
        assertEquals(401, refusedStatus("sb_session=" + value.substring(0, value.length() - 2)
                + "AA"));
        assertEquals(401, refusedStatus(good + "; " + signIn("bob")));
        assertEquals(401, refusedStatus("sb_session=v1.....")); // malformed, not a crash
    }

    @Test
    void signInRefusesEmptyLongAndControlCharacterNames() throws Exception {
        assertEquals(400, post("/api/session", "name=", null).statusCode());
        assertEquals(400, post("/api/session", "name=%20%20", null).statusCode());
        assertEquals(400, post("/api/session", "name=" + "x".repeat(33), null).statusCode());
        assertEquals(400, post("/api/session", "name=a%0Ab", null).statusCode());
        assertEquals(400, post("/api/session", "name=a%E2%80%AEb", null).statusCode());
        assertEquals(401, HTTP.send(HttpRequest.newBuilder(http("/api/session")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void badChatInputGetsAnErrorNotACrash() throws Exception {
        Inbox ada = new Inbox();
        WebSocket a = connect(signIn("ada"), ada);
        ada.next();
        a.sendText("not json", true);
        assertTrue(ada.next().contains("\"type\":\"error\""));
        a.sendText("{\"type\":\"say\",\"text\":\"before joining\"}", true);
        assertTrue(ada.next().contains("join a room first"));
        a.sendText("{\"type\":\"join\",\"room\":\"../admin\"}", true);
        assertTrue(ada.next().contains("\"type\":\"error\""));
        a.abort();
    }

    private static int refusedStatus(String cookie) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> connect(cookie, new Inbox()));
        WebSocketHandshakeException h = assertInstanceOf(WebSocketHandshakeException.class,
                e.getCause());
        return h.getResponse().statusCode();
    }
}
