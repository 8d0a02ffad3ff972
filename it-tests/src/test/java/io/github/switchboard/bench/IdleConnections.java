package io.github.switchboard.bench;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Scenarios 4 and 6 on the same connections: memory per idle connection (heap after a full
 * collection with {@code idle} connections open, minus the same before they were opened, per
 * connection; RSS likewise), over a few rounds of opening and closing them all; then, with the
 * last round's connections open, server publishes to all of them, each timed from the
 * server's {@code nanoTime} stamp in the message to the last subscriber's receipt.
 */
final class IdleConnections {

    static final int HEAP_PER_CONNECTION = 0;
    static final int P99 = 1;

    private IdleConnections() {
    }

    static Section memorySection(BenchOptions o) {
        return new Section("idle-memory", "4. Memory per idle connection", String.format(
                "%,d connections opened, each with its context and two subscriptions on "
                + "Switchboard; heap in use after full collections (JVM: `System.gc()` until it "
                + "stops shrinking; Node: `global.gc()`, V8 heap only, sockets' native memory "
                + "not included) minus the same before, per connection; RSS likewise. %d rounds "
                + "(each opens and closes them all).", o.idleConnections(), o.memoryRounds()),
                HEAP_PER_CONNECTION, "heap per connection (bytes)|%,.0f",
                "RSS per connection (bytes)|%,.0f", "heap with all open (MiB)|%.1f",
                "RSS with all open (MiB)|%.0f");
    }

    static Section publishSection(BenchOptions o) {
        return new Section("server-publish", "6. Server publish to 10,000 subscribers",
                String.format("With the %,d connections of scenario 4 open, the server "
                + "publishes its `nanoTime` to the room (`Topics.publish`; raw Tyrus and Node: a "
                + "send loop) on a command from the harness, which times it to the last "
                + "subscriber's receipt and sends the next once all have it. 1 warm-up "
                + "repetition, then %d repetitions of %d publishes; p50/p99 per repetition. "
                + "The last column is scenario 4's measure again, after each repetition: heap "
                + "per connection once every connection has received messages.",
                o.idleConnections(), o.repetitions(), o.publishesPerRepetition()), P99,
                "p50 to last receipt (ms)|%.1f", "p99 to last receipt (ms)|%.1f",
                "deliveries per server-CPU-second|%,.0f",
                "heap per idle connection after (bytes)|%,.0f");
    }

    static void run(Section memory, Section publish, BenchServer server, BenchOptions o)
            throws Exception {
        System.out.println("== idle connections and server publish: " + server.name());
        int n = o.idleConnections();
        LastReceipt last = new LastReceipt(n);
        try (ServerProcess p = server.start(o, 0);
                WsClients clients = new WsClients(p.port(), last)) {
            long heap0 = 0;
            for (int round = 1; round <= o.memoryRounds(); round++) {
                heap0 = p.gc();
                long rss0 = p.rssBytes();
                clients.open(n, "R" + round + "-", 64, 0).get(o.timeoutSeconds(), TimeUnit.SECONDS);
                p.awaitOpen(n, o.timeoutSeconds());
                long heap1 = p.gc();
                long rss1 = p.rssBytes();
                memory.add(server.name(), (double) (heap1 - heap0) / n, (double) (rss1 - rss0) / n,
                        heap1 / 1048576.0, rss1 / 1048576.0);
                if (round < o.memoryRounds()) {
                    clients.closeAll();
                    p.awaitOpen(0, o.timeoutSeconds());
                }
            }
            for (int r = 0; r <= o.repetitions(); r++) {
                long[] v = new long[o.publishesPerRepetition()];
                Meter.Start start = Meter.start(p);
                for (int i = 0; i < v.length; i++) {
                    CountDownLatch done = last.reset();
                    p.publish();
                    if (!done.await(o.timeoutSeconds(), TimeUnit.SECONDS)) {
                        throw new TimeoutException("a publish did not reach all " + n);
                    }
                    v[i] = last.latency();
                }
                Meter m = start.stop(p);
                Arrays.sort(v);
                if (r > 0) {
                    // Every connection has now received messages: what an idle one keeps after.
                    double heapPerConnection = (double) (p.gc() - heap0) / n;
                    publish.add(server.name(), Section.percentile(v, 50) / 1e6,
                            Section.percentile(v, 99) / 1e6, (double) n * v.length / m.serverCpu(),
                            heapPerConnection);
                }
            }
        }
    }

    /** Counts one publish's receipts; the loop thread writes, the harness reads after the latch. */
    private static final class LastReceipt implements WsClients.Listener {
        private final int expected;
        private int received;
        private long latency;
        private CountDownLatch done = new CountDownLatch(0);

        LastReceipt(int expected) {
            this.expected = expected;
        }

        synchronized CountDownLatch reset() {
            received = 0;
            done = new CountDownLatch(1);
            return done;
        }

        synchronized long latency() {
            return latency;
        }

        @Override
        public synchronized void message(int connection, ByteBuffer payload, long now) {
            if (++received == expected) {
                latency = now - Latency.stamp(payload);
                done.countDown();
            }
        }
    }
}
