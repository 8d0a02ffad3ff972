package io.github.switchboard.it;

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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Many WebSocket clients on one JDK {@code HttpClient}, for tests that need a thousand
 * connections: each records the texts it received and the code and monotonic time of the close
 * frame it got. Listener callbacks of one client are serialised by the JDK; fields read by the
 * test thread are volatile or published through {@link #closed}.
 */
final class ManyClients implements AutoCloseable {

    /** One connection. */
    static final class Client implements WebSocket.Listener {
        volatile WebSocket socket;
        final List<String> texts = java.util.Collections.synchronizedList(new ArrayList<>());
        private final StringBuilder partial = new StringBuilder();
        volatile int closeCode = -1;
        /** Released once per text received and once at the close. */
        final java.util.concurrent.Semaphore arrivals = new java.util.concurrent.Semaphore(0);
        volatile long closedAtNanos;
        private final CountDownLatch closedLatch;
        private final CountDownLatch greeted;
        private final CountDownLatch firstClosed;

        private Client(CountDownLatch closedLatch, CountDownLatch greeted,
                CountDownLatch firstClosed) {
            this.closedLatch = closedLatch;
            this.greeted = greeted;
            this.firstClosed = firstClosed;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
                arrivals.release();
                if (texts.size() == 1) {
                    greeted.countDown();
                }
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedAtNanos = System.nanoTime();
            closeCode = statusCode;
            arrivals.release();
            closedLatch.countDown();
            firstClosed.countDown();
            return null; // the JDK answers the close frame
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            arrivals.release();
            if (closeCode < 0) {
                closeCode = 1006;
                closedAtNanos = System.nanoTime();
                closedLatch.countDown();
                firstClosed.countDown();
            }
        }
    }

    final List<Client> clients = new ArrayList<>();
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "many-clients");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().executor(executor)
            .proxy(HttpClient.Builder.NO_PROXY).build();
    /** Counted down once per client closed (by a close frame or an error). */
    final CountDownLatch closed;
    /** Counted down once per client that received its first text. */
    final CountDownLatch greeted;
    /** Counted down when the first client closes. */
    final CountDownLatch firstClosed = new CountDownLatch(1);

    private ManyClients(int count) {
        closed = new CountDownLatch(count);
        greeted = new CountDownLatch(count);
    }

    /**
     * Connects {@code count} clients to {@code uri}, at most 64 handshakes at a time, and waits
     * until every one has received its first text.
     */
    static ManyClients connect(URI uri, int count) throws Exception {
        ManyClients many = new ManyClients(count);
        try {
            Semaphore inFlight = new Semaphore(64);
            List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Client c = new Client(many.closed, many.greeted, many.firstClosed);
                many.clients.add(c);
                inFlight.acquire();
                CompletableFuture<WebSocket> f = many.http.newWebSocketBuilder().buildAsync(uri, c);
                f.whenComplete((ws, e) -> inFlight.release());
                opening.add(f.thenApply(ws -> c.socket = ws));
            }
            CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new))
                    .get(120, TimeUnit.SECONDS);
            if (!many.greeted.await(60, TimeUnit.SECONDS)) {
                throw new TimeoutException(many.greeted.getCount() + " clients not greeted");
            }
        } catch (Exception e) {
            many.close();
            throw e;
        }
        return many;
    }

    /** Waits (bounded, generously) until every client got its close. */
    void awaitAllClosed() throws Exception {
        if (!closed.await(120, TimeUnit.SECONDS)) {
            throw new TimeoutException(closed.getCount() + " of " + clients.size()
                    + " clients still open");
        }
    }

    @Override
    public void close() {
        for (Client c : clients) {
            WebSocket s = c.socket;
            if (s != null) {
                s.abort();
            }
        }
        executor.shutdownNow();
    }
}
