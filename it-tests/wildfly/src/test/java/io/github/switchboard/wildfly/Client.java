package io.github.switchboard.wildfly;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client of the JDK (an implementation independent of the server's): text messages
 * and the close arrive in one queue, in order.
 */
final class Client implements AutoCloseable {

    static final long TIMEOUT_SECONDS = 20;

    private final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private Client(URI uri, String... headers) throws Exception {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        StringBuilder partial = new StringBuilder();
        socket = b.buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    inbox.add(partial.toString());
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                inbox.add("closed " + code);
                closed.complete(code);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                inbox.add("error " + error);
                closed.completeExceptionally(error);
            }
        }).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Connects to {@code path} (with its query) under the application's base URI. */
    static Client connect(URI base, String path, String... headers) throws Exception {
        return new Client(URI.create("ws://" + base.getAuthority() + base.getPath() + path), headers);
    }

    void send(String text) throws Exception {
        socket.sendText(text, true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** The next message; fails the test when none arrives in time. */
    String next() throws InterruptedException {
        String m = inbox.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no message within " + TIMEOUT_SECONDS + " s");
        }
        return m;
    }

    /** Sends {@code text} and returns the next message. */
    String ask(String text) throws Exception {
        send(text);
        return next();
    }

    /** Closes with 1000 and waits for the server's close frame; returns its code. */
    int closeAndWait() throws Exception {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return closed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
