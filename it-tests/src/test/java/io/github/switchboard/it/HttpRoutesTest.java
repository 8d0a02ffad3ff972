package io.github.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.PublishResult;
import io.github.switchboard.Topics;
import io.github.switchboard.server.EmbeddedServer;
import io.github.switchboard.server.HttpHandler;
import io.github.switchboard.server.HttpRequest;
import io.github.switchboard.server.HttpResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Plain HTTP routes beside the WebSockets on the embedded server's one port. */
class HttpRoutesTest {

    /** A bean route: publishes the form field {@code text} to the topic in {@code ?topic=}. */
    @ApplicationScoped
    public static class Publish implements HttpHandler {
        @Inject
        Topics topics;

        @Override
        public HttpResponse handle(HttpRequest request) {
            String topic = request.queryParameter("topic").orElse("");
            String text = request.formParameter("text").orElse("");
            PublishResult r = topics.publish(topic, text);
            return HttpResponse.text(200, "recipients " + r.recipients());
        }
    }

    private static EmbeddedServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = EmbeddedServer.builder().port(0).endpoints(Rooms.class)
                .route("GET", "/health", r -> HttpResponse.text(200, "ok"))
                .route("POST", "/echo", r -> HttpResponse.text(200,
                        r.bodyText().length() + " " + r.formParameters() + " "
                        + r.cookies("a") + " " + r.header("X-Test").orElse("-"))
                        .withHeader("Set-Cookie", "s=1; HttpOnly")
                        .withHeader("Set-Cookie", "t=2"))
                .route("GET", "/fail", r -> {
                    throw new IllegalStateException("secret-detail-4711");
                })
                .route("POST", "/publish", Publish.class)
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static URI http(String target) {
        return URI.create("http://127.0.0.1:" + server.port() + target);
    }

    private static java.net.http.HttpResponse<String> send(java.net.http.HttpRequest request)
            throws Exception {
        return HTTP.send(request, BodyHandlers.ofString());
    }

    private static java.net.http.HttpRequest.Builder post(String target, String form) {
        return java.net.http.HttpRequest.newBuilder().timeout(java.time.Duration.ofSeconds(20)).uri(http(target))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(form));
    }

    @Test
    void aRouteAnswersOnTheWebSocketPortWithSafeHeaders() throws Exception {
        var r = send(java.net.http.HttpRequest.newBuilder().timeout(java.time.Duration.ofSeconds(20)).uri(http("/health")).build());
        assertEquals(200, r.statusCode());
        assertEquals("ok", r.body());
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        var head = send(java.net.http.HttpRequest.newBuilder().timeout(java.time.Duration.ofSeconds(20)).uri(http("/health"))
                .method("HEAD", BodyPublishers.noBody()).build());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals(404, send(java.net.http.HttpRequest.newBuilder().timeout(java.time.Duration.ofSeconds(20)).uri(http("/health/x")).build())
                .statusCode(), "paths match exactly");
    }

    @Test
    void anotherMethodGets405WithAllow() throws Exception {
        var r = send(post("/health", "").build());
        assertEquals(405, r.statusCode());
        assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void theHandlerSeesFormCookiesAndHeadersAndSetsSeveralCookies() throws Exception {
        var r = send(post("/echo", "name=%C3%A9v%C3%A8+x&name=2&other=%3Cb%3E")
                .header("Cookie", "a=1; b=2; a=3").header("X-Test", "yes").build());
        assertEquals(200, r.statusCode());
        assertEquals("41 {name=[évè x, 2], other=[<b>]} [1, 3] yes", r.body());
        assertEquals(java.util.List.of("s=1; HttpOnly", "t=2"), r.headers().allValues("Set-Cookie"));
    }

    @Test
    void aBeanRoutePublishesThroughInjectedTopicsToASubscribedClient() throws Exception {
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        WebSocket ws = HTTP.newWebSocketBuilder().buildAsync(server.uri("/rooms/f"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        got.add(data.toString());
                        w.request(1);
                        return null;
                    }
                }).get(15, TimeUnit.SECONDS);
        assertTrue(got.poll(15, TimeUnit.SECONDS).startsWith("hello "));
        ws.sendText("sub news", true);
        assertEquals("sub news true", got.poll(15, TimeUnit.SECONDS));
        var r = send(post("/publish?topic=news", "text=extra%21").build());
        assertEquals("recipients 1", r.body());
        assertEquals("extra!", got.poll(15, TimeUnit.SECONDS));
        ws.abort();
    }

    @Test
    void aCrossOriginBrowserPostIsRefusedBeforeTheHandler() throws Exception {
        String self = "http://127.0.0.1:" + server.port();
        var cross = send(post("/publish?topic=news", "text=x")
                .header("Origin", "https://evil.example").build());
        assertEquals(403, cross.statusCode());
        assertTrue(cross.body().contains("cross-origin"), cross.body());
        var joined = send(post("/publish?topic=news", "text=x")
                .header("Origin", self + ", https://evil.example").build());
        assertEquals(403, joined.statusCode());
        var same = send(post("/publish?topic=news", "text=x").header("Origin", self).build());
        assertEquals(200, same.statusCode(), "same origin passes");
        assertEquals(200, send(post("/publish?topic=news", "text=x").build()).statusCode(),
                "no Origin: not a browser, as for upgrades");
    }

    @Test
    void aBodyOverTheLimitGets413DeclaredOrChunked() throws Exception {
        byte[] big = new byte[HttpRequest.MAX_BODY_BYTES + 1];
        assertEquals(413, send(java.net.http.HttpRequest.newBuilder().timeout(java.time.Duration.ofSeconds(20)).uri(http("/echo"))
                .POST(BodyPublishers.ofByteArray(big)).build()).statusCode());
        // Chunked, from an HTTP/1.1 client as browsers are (no h2c Upgrade offer).
        HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var chunked = java.net.http.HttpRequest.newBuilder().timeout(java.time.Duration.ofSeconds(20))
                .uri(http("/echo"))
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        assertEquals(413, http11.send(chunked, BodyHandlers.ofString()).statusCode());
        // The JDK's default client offers h2c (Upgrade), which makes Grizzly pass the body
        // unframed: a Content-Length body still works (every other test), a chunked one cannot
        // and is refused on its head. Sent by hand, head first: a client still writing the body
        // when the server closes after its 400 can get a TCP reset instead of the answer (seen
        // once in CI with the JDK client), which is not what this checks.
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /echo HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                    + "HTTP2-Settings: AAEAAEAAAAIAAAABAAMAAABkAAQBAAAAAAUAAEAA\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] line = new byte[12];
            assertEquals(12, s.getInputStream().readNBytes(line, 0, 12));
            assertEquals("HTTP/1.1 400", new String(line, StandardCharsets.US_ASCII));
        }
        var small = java.net.http.HttpRequest.newBuilder().timeout(java.time.Duration.ofSeconds(20))
                .uri(http("/echo")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        "a=b".getBytes(StandardCharsets.UTF_8)))).build();
        assertEquals("3 {a=[b]} [] -", http11.send(small, BodyHandlers.ofString()).body());
        byte[] fits = new byte[HttpRequest.MAX_BODY_BYTES];
        assertEquals(200, send(java.net.http.HttpRequest.newBuilder().timeout(java.time.Duration.ofSeconds(20)).uri(http("/echo"))
                .POST(BodyPublishers.ofByteArray(fits)).build()).statusCode());
    }

    @Test
    void aFailingHandlerGets500WithAnIdAndNoDetail() throws Exception {
        var r = send(java.net.http.HttpRequest.newBuilder().timeout(java.time.Duration.ofSeconds(20)).uri(http("/fail")).build());
        assertEquals(500, r.statusCode());
        assertTrue(r.body().startsWith("internal error, id "), r.body());
        assertFalse(r.body().contains("4711"));
    }

    @Test
    void upgradesStillReachTheEndpointsAndNonUpgradesOfAWebSocketPathDoNot() throws Exception {
        var plain = send(java.net.http.HttpRequest.newBuilder().timeout(java.time.Duration.ofSeconds(20)).uri(http("/rooms/f")).build());
        assertEquals(404, plain.statusCode());
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /rooms/f HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] line = new byte[12];
            assertEquals(12, in.readNBytes(line, 0, 12));
            assertEquals("HTTP/1.1 101", new String(line, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void theBuilderRefusesMalformedAndDuplicateRoutes() {
        HttpHandler ok = r -> HttpResponse.empty(204);
        for (String path : new String[] {"health", "/a/../b", "/a//b", "/a?x", "/a/*", "/a/{x}",
                "/a b", "/a/.", "/%2e"}) {
            assertThrows(IllegalArgumentException.class,
                    () -> EmbeddedServer.builder().route("GET", path, ok), path);
        }
        assertThrows(IllegalArgumentException.class,
                () -> EmbeddedServer.builder().route("G T", "/a", ok));
        assertThrows(IllegalArgumentException.class,
                () -> EmbeddedServer.builder().route("GET", "/a", ok).route("get", "/a", ok));
    }

    @Test
    void responsesRefuseHeaderSplittingAndManagedHeaders() {
        HttpResponse r = HttpResponse.text(200, "x");
        assertThrows(IllegalArgumentException.class,
                () -> r.withHeader("Set-Cookie", "a=1\r\nX-Evil: 1"));
        assertThrows(IllegalArgumentException.class, () -> r.withHeader("Bad Name", "1"));
        assertThrows(IllegalArgumentException.class, () -> r.withHeader("Content-Length", "1"));
        assertThrows(IllegalArgumentException.class, () -> HttpResponse.text(101, "x"));
    }
}
