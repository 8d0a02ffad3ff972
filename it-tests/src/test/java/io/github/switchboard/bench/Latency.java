package io.github.switchboard.bench;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenario 2, low-rate latency: {@code subscribers} clients connected; one of them sends at a
 * steady rate, each message stamped with its {@code System.nanoTime()} (one clock for all
 * processes on Linux), and each receipt's latency is the receiver's {@code nanoTime} minus the
 * stamp. Two variants: lone messages (200/s, each to one subscriber's own topic: what must never
 * wait for a batch) and room messages (20/s, each to all subscribers).
 */
final class Latency {

    static final int P99 = 1;

    private Latency() {
    }

    static Section section(BenchOptions o, boolean lone) {
        String what = lone
                ? "**lone messages**: 200 publishes/s, each `@ClientK <stamp>` published to "
                + "client K's own topic (raw Tyrus and Node: sent to that session), K cycling "
                + "through the subscribers, so every message travels alone"
                : "**room messages**: 20 publishes/s, each published to the whole room (1,000 "
                + "deliveries; the issue's 200/s to all would be 200,000 deliveries/s, beyond what "
                + "raw Tyrus moves on this machine, so it would measure a queue, not a latency)";
        return new Section(lone ? "latency-lone" : "latency-room",
                "2" + (lone ? "a" : "b") + ". Low-rate latency, " + (lone ? "lone" : "room")
                + " messages", String.format("%,d subscribers connected; client 0 sends %s. "
                + "Latency from the sender's stamp to each receipt (client to server to client). "
                + "1 warm-up repetition, then %d repetitions of %d s.", o.latencySubscribers(),
                what, o.repetitions(), o.latencySeconds()), P99,
                "p50 (ms)|%.3f", "p99 (ms)|%.3f", "max (ms)|%.2f", "receipts|%,.0f",
                "server CPU % of wall|%.1f");
    }

    static void run(Section s, BenchServer server, BenchOptions o, boolean lone) throws Exception {
        System.out.println("== " + s.id + ": " + server.name());
        int n = o.latencySubscribers();
        int rate = lone ? 200 : 20;
        Samples samples = new Samples();
        try (ServerProcess p = server.start(o, 0);
                WsClients clients = new WsClients(p.port(), samples)) {
            clients.open(n, "Client", 64, 0).get(o.timeoutSeconds(), TimeUnit.SECONDS);
            p.awaitOpen(n, o.timeoutSeconds());
            for (int r = 0; r <= o.repetitions(); r++) {
                int count = rate * o.latencySeconds();
                long expected = lone ? count : (long) count * n;
                CountDownLatch done = samples.reset(expected);
                Meter.Start start = Meter.start(p);
                long t0 = System.nanoTime();
                long interval = 1_000_000_000L / rate;
                for (int i = 0; i < count; i++) {
                    long due = t0 + i * interval;
                    for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                        LockSupport.parkNanos(wait);
                    }
                    long stamp = System.nanoTime();
                    clients.send(0, lone ? "@Client" + (1 + i % (n - 1)) + " " + stamp
                            : Long.toString(stamp));
                }
                if (!done.await(o.timeoutSeconds(), TimeUnit.SECONDS)) {
                    throw new TimeoutException(s.id + ": " + done.getCount() + " receipts missing");
                }
                Meter m = start.stop(p);
                long[] v = samples.sorted();
                if (r > 0) {
                    s.add(server.name(), Section.percentile(v, 50) / 1e6,
                            Section.percentile(v, 99) / 1e6, v[v.length - 1] / 1e6, v.length,
                            m.serverCpuPercent());
                }
            }
        }
    }

    /** Latencies recorded by the loop thread; read by the harness after the latch. */
    private static final class Samples implements WsClients.Listener {
        private long[] values = new long[1024];
        private int size;
        private CountDownLatch done = new CountDownLatch(0);
        private long remaining;

        synchronized CountDownLatch reset(long expected) {
            size = 0;
            remaining = expected;
            done = new CountDownLatch(1);
            return done;
        }

        synchronized long[] sorted() {
            long[] v = Arrays.copyOf(values, size);
            Arrays.sort(v);
            return v;
        }

        @Override
        public synchronized void message(int connection, ByteBuffer payload, long now) {
            if (remaining <= 0) {
                return;
            }
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = now - stamp(payload);
            if (--remaining == 0) {
                done.countDown();
            }
        }
    }

    /** The decimal number at the end of {@code payload} (after its last space, if any). */
    static long stamp(ByteBuffer payload) {
        long v = 0;
        long scale = 1;
        for (int i = payload.limit() - 1; i >= payload.position(); i--) {
            int b = payload.get(i);
            if (b < '0' || b > '9') {
                break;
            }
            v += (b - '0') * scale;
            scale *= 10;
        }
        return v;
    }
}
