package io.github.switchboard.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
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
                + "not included) minus the same before, per connection; RSS likewise. One "
                + "unreported warm-up round (class loading, first-use caches), then %d rounds, "
                + "each opening and closing them all; a round starts only once the heap is "
                + "back within %d bytes per connection of where it was before the warm-up "
                + "(closed connections released; at most %d s of waiting, logged).",
                o.idleConnections(), o.memoryRounds(), SETTLED_BYTES_PER_CONNECTION,
                SETTLE_SECONDS),
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
            long fresh = p.gc();
            // Warm-up: the first connections also pay for class loading and first-use caches.
            clients.open(n, "W-", 64, 0).get(o.timeoutSeconds(), TimeUnit.SECONDS);
            p.awaitOpen(n, o.timeoutSeconds());
            clients.closeAll();
            p.awaitOpen(0, o.timeoutSeconds());
            long heap0 = 0;
            for (int round = 1; round <= o.memoryRounds(); round++) {
                heap0 = settle(p, fresh, n, server);
                histogram(p, server, "r" + round + "-0-none");
                long rss0 = p.rssBytes();
                clients.open(n, "R" + round + "-", 64, 0).get(o.timeoutSeconds(), TimeUnit.SECONDS);
                p.awaitOpen(n, o.timeoutSeconds());
                long heap1 = p.gc();
                histogram(p, server, "r" + round + "-1-idle");
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
                    histogram(p, server, "p" + r + "-2-published");
                    publish.add(server.name(), Section.percentile(v, 50) / 1e6,
                            Section.percentile(v, 99) / 1e6, (double) n * v.length / m.serverCpu(),
                            heapPerConnection);
                }
            }
        }
    }

    /** How close to its fresh heap a server must come before a round starts, per connection. */
    static final int SETTLED_BYTES_PER_CONNECTION = 512;
    /** How long a round waits for that. */
    static final int SETTLE_SECONDS = 30;

    /**
     * The heap in use once the server has let go of the connections closed before: a server
     * that keeps closed connections for a while (a close timer did, for 10 s) would otherwise
     * lend the next round their memory as it frees them, and that round would report too little.
     * Waits until the heap is within {@link #SETTLED_BYTES_PER_CONNECTION} per connection of
     * {@code fresh} (the heap before any connection), at most {@link #SETTLE_SECONDS}; logs
     * what is still held when it gives up.
     */
    private static long settle(ServerProcess p, long fresh, int n, BenchServer server)
            throws IOException, InterruptedException {
        long limit = fresh + (long) SETTLED_BYTES_PER_CONNECTION * n;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
        long heap = p.gc();
        while (heap > limit && System.nanoTime() < deadline) {
            Thread.sleep(500); // waiting for the server's own timers; nothing to wait on
            heap = p.gc();
        }
        System.out.printf("  %s: heap before the round %,d bytes per connection above the "
                + "fresh server's%s%n", server.name(), (heap - fresh) / n,
                heap > limit ? " (not settled after " + SETTLE_SECONDS + " s)" : "");
        return heap;
    }

    /**
     * With {@code -Dbench.histograms=<dir>}, writes a JVM server's class histogram
     * ({@code jcmd <pid> GC.class_histogram}, taken after the harness's own collections, so the
     * live objects only) to {@code <dir>/<server>-<label>.txt}: diffing two of them says what a
     * connection holds. Off by default; Node servers are skipped.
     */
    private static void histogram(ServerProcess p, BenchServer server, String label)
            throws IOException, InterruptedException {
        String dir = System.getProperty("bench.histograms");
        if (dir == null || server.kind() == BenchServer.Kind.NODE) {
            return;
        }
        Path out = Path.of(dir, server.name().replace(' ', '-') + "-" + label + ".txt");
        Files.createDirectories(out.getParent());
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process j = new ProcessBuilder(jcmd.toString(), Long.toString(p.pid()),
                "GC.class_histogram").redirectErrorStream(true).redirectOutput(out.toFile())
                .start();
        if (!j.waitFor(120, TimeUnit.SECONDS) || j.exitValue() != 0) {
            j.destroyForcibly();
            throw new IOException("jcmd GC.class_histogram failed for pid " + p.pid()
                    + "; see " + out);
        }
        System.out.println("  class histogram: " + out);
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
