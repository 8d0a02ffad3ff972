package io.github.switchboard.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.redis.RedisProcess;
import io.github.switchboard.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two demos on one Redis (`-Ddemo.redis-uri`) are one chat: people signed in on different nodes
 * share a room. The session key is shared, so a cookie from one node is valid on the other.
 */
class ClusterDemoTest {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).build();

    /** Queues every text message. */
    private static final class Inbox implements WebSocket.Listener {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            lines.add(data.toString());
            ws.request(1);
            return null;
        }

        /** The next message containing {@code part}, skipping others; fails after 15 s. */
        String await(String part) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < end) {
                String line = lines.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line != null && line.contains(part)) {
                    return line;
                }
            }
            throw new AssertionError("no message with " + part + " within 15 s");
        }
    }

    private static String signIn(EmbeddedServer node, String name) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + node.port() + "/api/session"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=" + name)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private static WebSocket join(EmbeddedServer node, String cookie, Inbox inbox)
            throws Exception {
        WebSocket ws = HTTP.newWebSocketBuilder().header("Cookie", cookie)
                .buildAsync(node.uri("/chat"), inbox).get(15, TimeUnit.SECONDS);
        inbox.await("welcome");
        ws.sendText("{\"type\":\"join\",\"room\":\"tea\"}", true);
        inbox.await("joined");
        return ws;
    }

    /** Says {@code text} (numbered) until {@code listener} hears it; at most 15 s. */
    private static String sayUntilHeard(WebSocket speaker, Inbox listener, String text)
            throws Exception {
        for (int i = 0; i < 150; i++) {
            speaker.sendText("{\"type\":\"say\",\"text\":\"" + text + " " + i + "\"}", true);
            String line;
            while ((line = listener.lines.poll(100, TimeUnit.MILLISECONDS)) != null) {
                if (line.contains(text)) {
                    return line;
                }
            }
        }
        throw new AssertionError("'" + text + "' never crossed the bus");
    }

    @Test
    void twoDemosOnOneRedisAreOneChat() throws Exception {
        String key = System.getProperty(SessionCookies.KEY_PROPERTY);
        try (RedisProcess redis = RedisProcess.start()) {
            System.setProperty("demo.redis-uri", redis.uri());
            System.setProperty(SessionCookies.KEY_PROPERTY,
                    Base64.getEncoder().encodeToString(new byte[32]));
            try (EmbeddedServer one = ChatDemo.start("127.0.0.1", 0, Duration.ofMinutes(1));
                    EmbeddedServer two = ChatDemo.start("127.0.0.1", 0, Duration.ofMinutes(1))) {
                Inbox ada = new Inbox();
                Inbox bob = new Inbox();
                WebSocket a = join(one, signIn(one, "ada"), ada);
                WebSocket b = join(two, signIn(one, "bob"), bob); // one's cookie, two's socket
                // Each node listens for the room once someone joined it there; until both do, a
                // message may cross to nobody (at-most-once), so say it until it arrives.
                assertTrue(sayUntilHeard(b, ada, "across").contains("\"from\":\"bob\""));
                assertTrue(sayUntilHeard(a, bob, "and back").contains("\"from\":\"ada\""));
                a.abort();
                b.abort();
            }
        } finally {
            System.clearProperty("demo.redis-uri");
            if (key == null) {
                System.clearProperty(SessionCookies.KEY_PROPERTY);
            } else {
                System.setProperty(SessionCookies.KEY_PROPERTY, key);
            }
        }
    }
}
