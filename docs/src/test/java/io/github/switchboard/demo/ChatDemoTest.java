package io.github.switchboard.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo as a user meets it: the page, a chat between two people, the guard's refusals. */
class ChatDemoTest {

    private static EmbeddedServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = ChatDemo.start("127.0.0.1", 0);
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

        String next() throws InterruptedException {
            String line = lines.poll(15, TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError("no message within 15 s");
            }
            return line;
        }
    }

    private static WebSocket join(String target, Inbox inbox) throws Exception {
        return HTTP.newWebSocketBuilder().buildAsync(server.uri(target), inbox).get(15, TimeUnit.SECONDS);
    }

    @Test
    void servesThePageOnTheSamePort() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>Switchboard chat</title>"));
    }

    @Test
    void twoPeopleChatInARoomAndSeeEachOtherJoin() throws Exception {
        Inbox ada = new Inbox();
        Inbox bob = new Inbox();
        WebSocket a = join("/chat/lobby?name=ada", ada);
        assertEquals("* ada joined", ada.next());
        WebSocket b = join("/chat/lobby?name=bob", bob);
        assertEquals("* bob joined", ada.next());
        assertEquals("* bob joined", bob.next());
        b.sendText("hi <b>ada</b>", true).get(15, TimeUnit.SECONDS);
        assertEquals("bob: hi <b>ada</b>", ada.next());
        assertEquals("bob: hi <b>ada</b>", bob.next());
        b.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(15, TimeUnit.SECONDS);
        assertEquals("* bob left", ada.next());
        a.abort();
    }

    @Test
    void roomsAreSeparate() throws Exception {
        Inbox ada = new Inbox();
        Inbox eve = new Inbox();
        WebSocket a = join("/chat/one?name=ada", ada);
        assertEquals("* ada joined", ada.next());
        WebSocket e = join("/chat/two?name=eve", eve);
        assertEquals("* eve joined", eve.next());
        a.sendText("only for room one", true).get(15, TimeUnit.SECONDS);
        assertEquals("ada: only for room one", ada.next());
        e.sendText("ping", true).get(15, TimeUnit.SECONDS);
        assertEquals("eve: ping", eve.next(), "eve got nothing from room one before her own line");
        a.abort();
        e.abort();
    }

    @Test
    void theGuardRefusesAMissingNameWith401AndTheAdminRoomWith403() {
        assertEquals(401, refusedStatus("/chat/lobby"));
        assertEquals(401, refusedStatus("/chat/lobby?name=%3Cscript%3E"));
        assertEquals(403, refusedStatus("/chat/admin?name=ada"));
    }

    private static int refusedStatus(String target) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> join(target, new Inbox()));
        WebSocketHandshakeException h = assertInstanceOf(WebSocketHandshakeException.class,
                e.getCause());
        return h.getResponse().statusCode();
    }
}
