package io.github.switchboard.redis;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cluster-wide subscriber counts. The asking node publishes a query on the topic's channel;
 * Redis's answer to that PUBLISH is the number of subscribers of the channel, i.e. the nodes
 * interested in the topic (each node holds one subscription connection), this node included if
 * it is. Each of them, this one too, answers on the asking node's own channel with its local
 * count; the query completes with the sum when that many answers arrived, or fails after the
 * timeout. Answers may arrive before the PUBLISH reply (two connections). Thread-safe.
 */
final class CountQueries {

    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final ScheduledExecutorService thread;
    private final Duration timeout;

    CountQueries(ScheduledExecutorService thread, Duration timeout) {
        this.thread = thread;
        this.timeout = timeout;
    }

    /** A new query: its id, and the stage the caller gets. */
    Pending open() {
        long id = ids.incrementAndGet();
        Pending p = new Pending(id);
        pending.put(id, p);
        p.future.whenComplete((n, e) -> pending.remove(id));
        try {
            thread.schedule(() -> p.future.completeExceptionally(new TimeoutException(
                    "not every node answered the subscriber count within " + timeout.toMillis()
                    + " ms")), timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            p.future.completeExceptionally(new IllegalStateException("the bus is closed"));
        }
        return p;
    }

    void answered(long id, long count) {
        Pending p = pending.get(id);
        if (p != null) {
            p.answer(count);
        }
    }

    void failAll(Throwable cause) {
        pending.values().forEach(p -> p.future.completeExceptionally(cause));
    }

    /** One query in flight. */
    static final class Pending {
        final long id;
        final CompletableFuture<Long> future = new CompletableFuture<>();
        private long expected = -1; // guarded by this; -1 until the PUBLISH reply
        private long answers; // guarded by this
        private long sum; // guarded by this

        Pending(long id) {
            this.id = id;
        }

        CompletionStage<Long> stage() {
            return future.minimalCompletionStage();
        }

        synchronized void expect(long nodes) {
            expected = nodes;
            check();
        }

        synchronized void answer(long count) {
            answers++;
            sum += count;
            check();
        }

        private void check() {
            if (expected >= 0 && answers >= expected) {
                future.complete(sum);
            }
        }
    }
}
