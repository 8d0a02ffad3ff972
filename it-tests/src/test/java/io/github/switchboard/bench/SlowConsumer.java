package io.github.switchboard.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Scenario 5, slow consumer: {@code subscribers - 1} clients in the room and one more with a
 * 4 KiB receive buffer; client 0 sends {@code messages} texts of 2 KiB at once, and a repetition
 * ends when every other client has received all of them. The two cases alternate (nobody
 * stopped, then one stopped, in pairs) so that drift in the machine's load hits both alike. Each
 * pair has a fresh small-buffer client: it reads during the first repetition, then stops reading
 * and is sent {@link #FILL_BYTES} on its own topic, untimed, so that its backlog fills the
 * kernel's socket buffers and crosses Switchboard's 1 MiB backpressure limit before the second
 * repetition starts (checked: a Switchboard run in which nothing was dropped for it fails); it is
 * closed after the pair. The server samples its heap in use every 20 ms throughout, and collects
 * garbage after each repetition.
 */
final class SlowConsumer {

    static final int OTHERS_PER_SECOND = 1;
    static final int HEAP_MAX = 4;
    static final int DROPPED = 6;
    private static final int PAYLOAD = 2048;
    /** What the stopped reader is sent before its timed repetition: kernel buffers plus 1 MiB. */
    static final int FILL_BYTES = 6 * 1024 * 1024;
    private static final int FILL_BATCH = 256;

    private SlowConsumer() {
    }

    static Section section(BenchOptions o) {
        Section s = new Section("slow-consumer", "5. Slow consumer", String.format("%,d "
                + "subscribers in the room, one of them with a 4 KiB receive buffer; client 0 "
                + "sends %d messages of 2 KiB at once, published to the room; a repetition ends "
                + "when every other subscriber has all of them. Rows: nobody stopped, and the "
                + "small-buffer client no longer reading, in alternation (none, one, none, "
                + "one, …), a fresh small-buffer client per pair. Before each repetition with one "
                + "stopped, the stopped client is sent %d MiB on its own topic, untimed: the "
                + "kernel's socket buffers take ~2.5 MB, so its backlog then stands past "
                + "Switchboard's 1 MiB backpressure limit (default), and every room message of "
                + "the repetition is dropped for it; raw Tyrus and Node queue without bound. "
                + "Heap: the server's heap in use sampled every 20 ms (highest sample during "
                + "the repetition and the first after it; the second chart shows all samples), and after a full "
                + "collection at the end of the repetition (and after the untimed fill). Server CPU "
                + "per delivery: the server process's CPU time over the others' deliveries, "
                + "which tells the server's cost apart from the clients' (one thread here, "
                + "usually the limit). Dropped: deliveries the server reported not accepted "
                + "during the repetition (Switchboard: its drops past the limit; raw Tyrus "
                + "counts failed sends, among them the previous pair's stopped client's queue "
                + "failing after its close). 1 warm-up pair, then %d pairs.",
                o.slowSubscribers(), o.slowMessages(), FILL_BYTES >> 20, o.slowRepetitions()),
                OTHERS_PER_SECOND, "time (s)|%.2f", "deliveries/s to the others|%,.0f",
                "server CPU % of wall|%.0f", "server CPU per delivery (µs)|%.2f",
                "heap in use, highest sample (MiB)|%.1f",
                "heap after GC (MiB)|%.1f", "dropped for the stopped one|%,.0f");
        s.seriesTitle = "5. Slow consumer: server heap in use over time|seconds since the "
                + "first measured repetition (pairs of none stopped, one stopped)|heap in use "
                + "(MiB), sampled every 20 ms";
        return s;
    }

    static void run(Section s, BenchServer server, BenchOptions o) throws Exception {
        System.out.println("== slow consumer: " + server.name());
        int others = o.slowSubscribers() - 1;
        Counts counts = new Counts(others);
        try (ServerProcess p = server.start(o, 0, "-Dswitchboard.backpressure-limit=1048576");
                WsClients clients = new WsClients(p.port(), counts)) {
            clients.open(others, "Client", 64, 0).get(o.timeoutSeconds(), TimeUnit.SECONDS);
            p.awaitOpen(others, o.timeoutSeconds());
            List<String> texts = new ArrayList<>();
            String filler = "x".repeat(PAYLOAD - 16);
            for (int i = 0; i < o.slowMessages(); i++) {
                texts.add(filler + i);
            }
            p.heapSamples(); // starts the server's sampler
            long t0 = 0;
            for (int pair = 0; pair <= o.slowRepetitions(); pair++) {
                String name = "Slow" + pair + "-";
                int slow = clients.open(1, name, 1, PAYLOAD).get(o.timeoutSeconds(),
                        TimeUnit.SECONDS);
                p.awaitOpen(others + 1L, o.timeoutSeconds());
                if (pair == 1) {
                    t0 = System.nanoTime();
                    p.heapSamples(); // the chart starts with the first measured pair
                }
                for (boolean stopped : new boolean[] {false, true}) {
                    String row = server.name() + (stopped ? ", one stopped" : ", none stopped");
                    if (stopped) {
                        clients.pause(slow);
                        fill(p, clients, name + "0", server, o);
                        p.gc(); // as after the repetition before: both start collected
                    }
                    CountDownLatch done = counts.reset(o.slowMessages());
                    long lost0 = p.stats()[1];
                    Meter.Start start = Meter.start(p);
                    long from = System.nanoTime();
                    clients.send(0, texts);
                    if (!done.await(o.timeoutSeconds(), TimeUnit.SECONDS)) {
                        throw new TimeoutException(row + ": not all delivered");
                    }
                    Meter m = start.stop(p);
                    long to = System.nanoTime();
                    long dropped = p.stats()[1] - lost0;
                    long highest = 0;
                    boolean after = false; // the first sample after the end counts too
                    for (long[] sample : p.heapSamples()) {
                        if (sample[0] >= from && !after) {
                            highest = Math.max(highest, sample[1]);
                            after = sample[0] > to;
                        }
                        if (pair > 0) {
                            s.point(server.name(), (sample[0] - t0) / 1e9, sample[1] / 1048576.0);
                        }
                    }
                    long heap = p.gc();
                    if (pair > 0) {
                        double deliveries = (double) others * o.slowMessages();
                        s.add(row, m.seconds(), deliveries / m.seconds(), m.serverCpuPercent(),
                                1e6 * m.serverCpu() / deliveries, highest / 1048576.0,
                                heap / 1048576.0, dropped);
                    }
                }
                clients.close(slow);
                p.awaitOpen(others, o.timeoutSeconds());
            }
            for (long[] sample : p.heapSamples()) {
                s.point(server.name(), (sample[0] - t0) / 1e9, sample[1] / 1048576.0);
            }
            // The heap once the connections have been at rest for a while: Switchboard's sweep
            // trims the buffers of a connection that sent nothing for one to two seconds
            // (DESIGN.md §5 "What a burst leaves behind"). Printed, not part of the report.
            long atRest = p.gc();
            Thread.sleep(AT_REST_MILLIS);
            System.out.printf("slow-consumer %s heap after GC: %.1f MiB at once, %.1f MiB after"
                    + " %d ms at rest%n", server.name(), atRest / 1048576.0, p.gc() / 1048576.0,
                    AT_REST_MILLIS);
        }
    }

    /** Longer than two sweeps of the embedded server (one second each by default). */
    private static final long AT_REST_MILLIS = 3_000;

    /**
     * Sends {@link #FILL_BYTES} to the stopped client {@code name} alone and waits until the
     * server has taken it all; on Switchboard, fails unless some of it was dropped.
     */
    private static void fill(ServerProcess p, WsClients clients, String name, BenchServer server,
            BenchOptions o) throws IOException, InterruptedException, TimeoutException {
        long[] before = p.stats();
        String text = "@" + name + " " + "y".repeat(PAYLOAD - 16);
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < FILL_BATCH; i++) {
            batch.add(text);
        }
        int batches = FILL_BYTES / (PAYLOAD * FILL_BATCH);
        for (int i = 0; i < batches; i++) {
            clients.send(0, batch);
        }
        long expected = before[0] + (long) batches * FILL_BATCH;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.timeoutSeconds());
        long[] now;
        while ((now = p.stats())[0] < expected) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the server took " + (now[0] - before[0]) + " of "
                        + (expected - before[0]) + " messages for the stopped client");
            }
            Thread.sleep(20); // polling the server's own count; nothing to wait on across JVMs
        }
        if (server.kind() == BenchServer.Kind.SWITCHBOARD && now[1] == before[1]) {
            throw new IllegalStateException("the stopped client's backlog did not cross the "
                    + "backpressure limit after " + (FILL_BYTES >> 20) + " MiB");
        }
    }

    /** Messages received by each normal client; only the loop thread writes. */
    private static final class Counts implements WsClients.Listener {
        private final int others;
        private final long[] received;
        private long target;
        private int complete;
        private CountDownLatch done = new CountDownLatch(0);

        Counts(int others) {
            this.others = others;
            this.received = new long[others];
        }

        synchronized CountDownLatch reset(int messages) {
            target += messages;
            complete = 0;
            done = new CountDownLatch(1);
            return done;
        }

        @Override
        public synchronized void message(int connection, ByteBuffer payload, long now) {
            if (connection < others && ++received[connection] == target && ++complete == others) {
                done.countDown();
            }
        }
    }
}
