package io.github.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md §3 "Per-connection isolation": one configurator serves every connection, so any
 * per-connection state kept outside the per-handshake user properties would leak between
 * concurrent handshakes. 1,000 clients connect at once, each with its own header, cookies, query
 * and path; each must see exactly its own values.
 */
class IsolationTest extends ContextServer {

    private static final int CLIENTS = 1_000;
    @Test
    void thousandConcurrentHandshakesEachSeeOnlyTheirOwnContext() throws Exception {
        ContextEndpoint.reset();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        HttpClient http = HttpClient.newBuilder().executor(pool)
                .connectTimeout(Duration.ofSeconds(30)).build();
        Map<Integer, String> received = new ConcurrentHashMap<>();
        List<CompletableFuture<WebSocket>> sockets = new ArrayList<>();
        List<CompletableFuture<String>> firsts = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                int n = i;
                CompletableFuture<String> first = new CompletableFuture<>();
                firsts.add(first);
                sockets.add(http.newWebSocketBuilder()
                        .header("X-Id", "client-" + n)
                        .header("X-Tenant", "tenant-" + n)
                        .header("Cookie", "sid=s" + n + "; prefs={\"n\":" + n + ",\"k\":\"v\"}")
                        .buildAsync(server.uri("/ctx/room" + n + "?q=" + n + "&q=x" + n),
                                new WebSocket.Listener() {
                                    private final StringBuilder text = new StringBuilder();

                                    @Override
                                    public CompletionStage<?> onText(WebSocket ws, CharSequence data,
                                            boolean last) {
                                        text.append(data);
                                        if (last) {
                                            received.put(n, text.toString());
                                            first.complete(text.toString());
                                        }
                                        ws.request(1);
                                        return null;
                                    }
                                }));
            }
            CompletableFuture.allOf(firsts.toArray(CompletableFuture[]::new))
                    .get(120, TimeUnit.SECONDS);
            assertEquals(CLIENTS, received.size());
            for (int n = 0; n < CLIENTS; n++) {
                String d = received.get(n);
                assertEquals("id=client-" + n
                        + "\nsid=s" + n
                        + "\nprefs={\"n\":" + n + ",\"k\":\"v\"}"
                        + "\ntheme=-"
                        + "\nq=[" + n + ", x" + n + "]"
                        + "\nroom=room" + n
                        + "\ntenant=tenant-" + n
                        + "\nguardId=client-" + n
                        + "\ntrusted=true"
                        + "\nprotocols=[]",
                        d.substring(0, d.indexOf("\nagent=")), "client " + n);
            }
            assertEquals(CLIENTS, ContextEndpoint.OPENS.get());
        } finally {
            for (CompletableFuture<WebSocket> s : sockets) {
                s.thenAccept(ws -> ws.abort());
            }
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }
}
