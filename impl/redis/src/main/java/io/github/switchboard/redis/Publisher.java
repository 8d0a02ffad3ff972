package io.github.switchboard.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Sends the node's publishes to Redis in batches: a publishing thread only appends to a bounded
 * queue (a short lock, never a wait for Redis); one thread takes what gathered and writes it on
 * its own connection with one flush per batch. Measured first without it: Lettuce flushing every
 * PUBLISH separately from the publishing threads fell behind under bursts (its command stack
 * passed 10,000 and publishes were dropped at ~15,000 per second). One queue and one sender keep
 * each publisher's order. Past {@code capacity} queued publishes a publish is dropped and counted.
 * Thread-safe.
 */
final class Publisher {

    private static final int BATCH = 1024;

    private record Item(String channel, byte[] wire) {
    }

    private final ArrayBlockingQueue<Item> queue;
    private final int capacity;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final Executor thread;
    private final Runnable published;
    private final Consumer<Throwable> dropped;
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /** {@code connection} is this sender's alone: its automatic flush is turned off. */
    Publisher(StatefulRedisConnection<String, byte[]> connection, int capacity, Executor thread,
            Runnable published, Consumer<Throwable> dropped) {
        this.connection = connection;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
        this.thread = thread;
        this.published = published;
        this.dropped = dropped;
        connection.setAutoFlushCommands(false);
    }

    void publish(String channel, byte[] wire) {
        if (!queue.offer(new Item(channel, wire))) {
            dropped.accept(new IllegalStateException(capacity + " publishes already wait for "
                    + "Redis (max-pending)"));
            return;
        }
        if (scheduled.compareAndSet(false, true)) {
            try {
                thread.execute(this::drain);
            } catch (RejectedExecutionException e) { // closed
                scheduled.set(false);
            }
        }
    }

    private void drain() {
        scheduled.set(false); // a publish after this line schedules another run
        List<Item> batch = new ArrayList<>(Math.min(BATCH, queue.size() + 1));
        while (queue.drainTo(batch, BATCH) > 0) {
            for (Item item : batch) {
                try {
                    connection.async().publish(item.channel(), item.wire())
                            .whenComplete((n, e) -> {
                                if (e == null) {
                                    published.run();
                                } else {
                                    dropped.accept(e);
                                }
                            });
                } catch (RuntimeException e) {
                    dropped.accept(e);
                }
            }
            connection.flushCommands();
            batch.clear();
        }
    }
}
