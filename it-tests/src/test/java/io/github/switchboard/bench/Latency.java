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
 * stamp. Three variants ({@link Variant}): lone messages (200/s, each to one subscriber's own
 * topic: what must never wait for a batch), room messages at the 200/s (each to all
 * subscribers: 200,000 deliveries/s, more than raw Tyrus moves here, so its row shows a queue and
 * the rate it achieved) and room messages at 20/s (the fair comparison).
 */
final class Latency {

    static final int P99 = 1;
    static final int ACHIEVED = 4;

    /** What client 0 sends, and how often. */
    enum Variant {
        LONE("a", "lone messages", 200),
        ROOM("b", "room messages at 200/s", 200),
        ROOM_FAIR("c", "room messages at 20/s", 20);

        final String letter;
        final String what;
        final int rate;

        Variant(String letter, String what, int rate) {
            this.letter = letter;
            this.what = what;
            this.rate = rate;
        }

        boolean lone() {
            return this == LONE;
        }
    }

    private Latency() {
    }

    static Section section(BenchOptions o, Variant v) {
        String what = switch (v) {
            case LONE -> "**lone messages**: 200 publishes/s, each `@ClientK <stamp>` published "
                    + "to client K's own topic (raw Tyrus and Node: sent to that session), K "
                    + "cycling through the subscribers, so every message travels alone";
            case ROOM -> "**room messages** at the issue's rate: 200 publishes/s, each published "
                    + "to the whole room, 200,000 deliveries/s offered. A server that cannot move "
                    + "that many queues, and its latency is its queue's: the achieved rate "
                    + "(receipts over the time from the first send to the last receipt) says "
                    + "which server kept up";
            case ROOM_FAIR -> "**room messages** at 20 publishes/s, each published to the whole "
                    + "room (20,000 deliveries/s, which every server here keeps up with: the "
                    + "fair comparison of latency where raw Tyrus saturates at 200/s)";
        };
        return new Section("latency-" + v.name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', '-'), "2" + v.letter + ". Low-rate latency, " + v.what,
                String.format("%,d subscribers connected; client 0 sends %s. Latency from the "
                + "sender's stamp to each receipt (client to server to client). 1 warm-up "
                + "repetition, then %d repetitions of %d s.", o.latencySubscribers(), what,
                o.repetitions(), o.latencySeconds()), P99,
                "p50 (ms)|%.3f", "p99 (ms)|%.3f", "max (ms)|%.2f", "receipts|%,.0f",
                "deliveries/s achieved|%,.0f", "server CPU % of wall|%.1f");
    }

    static void run(Section s, BenchServer server, BenchOptions o, Variant v) throws Exception {
        System.out.println("== " + s.id + ": " + server.name());
        int n = o.latencySubscribers();
        boolean lone = v.lone();
        int rate = v.rate;
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
                long[] l = samples.sorted();
                if (r > 0) {
                    s.add(server.name(), Section.percentile(l, 50) / 1e6,
                            Section.percentile(l, 99) / 1e6, l[l.length - 1] / 1e6, l.length,
                            l.length / ((samples.last() - t0) / 1e9), m.serverCpuPercent());
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
        private long last;

        synchronized CountDownLatch reset(long expected) {
            size = 0;
            remaining = expected;
            done = new CountDownLatch(1);
            return done;
        }

        /** When the last receipt arrived ({@code nanoTime}). */
        synchronized long last() {
            return last;
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
            last = now;
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
