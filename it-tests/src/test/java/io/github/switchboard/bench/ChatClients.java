package io.github.switchboard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The benchmark's clients, in the harness JVM, on the JDK's {@code java.net.http} WebSocket: each
 * connects to {@code /?name=ClientN}, waits for {@code ready}, and in each batch sends its share of
 * the messages (sequentially, as that client allows one send in flight) and counts what it
 * receives. A batch ends when every client has received every message of the batch. Driven by one
 * harness thread; the listeners run on the client's executor.
 */
final class ChatClients implements AutoCloseable {

    private final List<Client> clients = new ArrayList<>();
    private final ExecutorService executor;
    private final HttpClient http;
    private final int perClient;
    private volatile CountDownLatch batchDone;
    private volatile long expectedPerClient;
    private final CountDownLatch ready;

    private ChatClients(int count, int perClient) {
        this.perClient = perClient;
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "bench-client");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().executor(executor).build();
        this.ready = new CountDownLatch(count);
    }

    /** Connects {@code count} clients and waits until each has received {@code ready}. */
    static ChatClients connect(int port, int count, int messagesPerBatch) throws Exception {
        if (messagesPerBatch % count != 0) {
            throw new IllegalArgumentException(messagesPerBatch + " messages do not split over "
                    + count + " clients");
        }
        ChatClients c = new ChatClients(count, messagesPerBatch / count);
        try {
            for (int i = 0; i < count; i++) {
                Client client = c.new Client();
                client.socket = c.http.newWebSocketBuilder()
                        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/?name=Client" + i),
                                client)
                        .get(30, TimeUnit.SECONDS);
                c.clients.add(client);
            }
            if (!c.ready.await(30, TimeUnit.SECONDS)) {
                throw new TimeoutException("not every client received 'ready' within 30 s");
            }
        } catch (Exception e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Runs one batch: each client sends its share; returns once all clients received all. */
    void batch(long timeoutSeconds) throws Exception {
        int count = clients.size();
        expectedPerClient += (long) perClient * count;
        CountDownLatch done = new CountDownLatch(count);
        batchDone = done;
        List<CompletableFuture<?>> sends = new ArrayList<>(count);
        for (Client c : clients) {
            sends.add(c.sendShare());
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .get(timeoutSeconds, TimeUnit.SECONDS);
        if (!done.await(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new TimeoutException("batch not delivered within " + timeoutSeconds + " s: "
                    + done.getCount() + " of " + count + " clients short");
        }
    }

    @Override
    public void close() {
        for (Client c : clients) {
            c.socket.abort();
        }
        executor.shutdownNow();
    }

    /** One connection; its listener callbacks are serialised by the JDK client. */
    private final class Client implements WebSocket.Listener {
        WebSocket socket;
        /** Messages received, {@code ready} excluded; only the listener writes it. */
        private long received;
        private final StringBuilder partial = new StringBuilder();
        private int sent;

        CompletableFuture<?> sendShare() {
            CompletableFuture<WebSocket> chain = CompletableFuture.completedFuture(socket);
            for (int i = 0; i < perClient; i++) {
                chain = chain.thenCompose(ws -> ws.sendText("hello " + (sent++), true));
            }
            return chain;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (!last) {
                partial.append(data);
                return null;
            }
            CharSequence whole = data;
            if (partial.length() > 0) {
                whole = partial.append(data).toString();
                partial.setLength(0);
            }
            if ("ready".contentEquals(whole)) {
                ready.countDown();
            } else if (++received == expectedPerClient) {
                batchDone.countDown();
            }
            return null;
        }
    }
}
