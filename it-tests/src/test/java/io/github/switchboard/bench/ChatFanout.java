package io.github.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario 1, Bun's chat fan-out: {@code clients} connect to {@code /?name=ClientN}, the server
 * sends {@code ready} once all are in, and in each batch every client sends its share of the
 * batch's messages at once (as Bun's client does) and the batch ends when every client has
 * received every message. Server GC pauses come from the JVM servers' {@code -Xlog:gc}.
 */
final class ChatFanout {

    private static final Pattern PAUSE = Pattern.compile("Pause.* ([0-9.]+)ms$");

    static final int DELIVERIES_PER_CPU_SECOND = 1;

    private ChatFanout() {
    }

    static Section section(BenchOptions o) {
        return new Section("chat-fanout", "1. Chat fan-out (Bun's chat protocol)", String.format(
                "%d clients connect to `/?name=ClientN`, all in `room`; the server sends `ready` "
                + "once all are connected; each text is published as `\"<name>: <text>\"` to the "
                + "room, the sender included. A batch is %,d messages (%d per client, sent at "
                + "once) = %,d deliveries and ends when every client has received all of them; "
                + "%d s of warm-up batches, then %d repetitions of as many batches as fill %d s. "
                + "Write system calls are the server's `syscw` from `/proc/<pid>/io`; GC pause is "
                + "the longest pause the JVM logged (`-Xlog:gc`) from the first measured "
                + "repetition on.", o.clients(), o.messages(),
                o.messages() / o.clients(), (long) o.messages() * o.clients(), o.warmup(),
                o.repetitions(), o.batches()), DELIVERIES_PER_CPU_SECOND,
                "deliveries/s|%,.0f", "deliveries per server-CPU-second|%,.0f",
                "server CPU % of wall|%.0f", "server system time % of its CPU|%.0f",
                "write syscalls per delivery|%.4f", "clients' CPU % of wall|%.0f",
                "server RSS after (MiB)|%.0f", "server heap used after (MiB)|%.0f",
                "longest GC pause (ms)|%.1f", "lost deliveries|%.0f");
    }

    static void run(Section s, BenchServer server, BenchOptions o) throws Exception {
        System.out.println("== chat fan-out: " + server.name());
        Path gcLog = Files.createTempFile("bench-gc", ".log");
        int n = o.clients();
        int perClient = o.messages() / n;
        long[] received = new long[n];
        long[] expected = {0};
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch[] done = {null};
        try (ServerProcess p = server.start(o, n, "-Xlog:gc:file=" + gcLog);
                WsClients clients = new WsClients(p.port(), (c, payload, now) -> {
                    if (WsClients.isReady(payload)) {
                        ready.countDown();
                    } else if (++received[c] == expected[0]) {
                        done[0].countDown();
                    }
                })) {
            clients.open(n, "Client", n, 0).get(o.timeoutSeconds(), TimeUnit.SECONDS);
            if (!ready.await(o.timeoutSeconds(), TimeUnit.SECONDS)) {
                throw new TimeoutException("not every client received 'ready'");
            }
            int[] counter = {0};
            // Warm up by time: the JIT needs seconds whatever a batch costs.
            long warm = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.warmup());
            while (System.nanoTime() < warm) {
                batch(clients, n, perClient, received, expected, done, counter, o);
            }
            long deliveriesPerBatch = (long) o.messages() * n;
            // Only the pauses of the measured repetitions count.
            int gcLinesBefore = Files.readAllLines(gcLog).size();
            for (int r = 1; r <= o.repetitions(); r++) {
                long lostBefore = p.stats()[1];
                Meter.Start start = Meter.start(p);
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.batches());
                int batches = 0;
                do {
                    batch(clients, n, perClient, received, expected, done, counter, o);
                    batches++;
                } while (System.nanoTime() < end);
                Meter m = start.stop(p);
                long[] stats = p.stats();
                long deliveries = deliveriesPerBatch * batches;
                s.add(server.name(), deliveries / m.seconds(), deliveries / m.serverCpu(),
                        m.serverCpuPercent(), 100 * m.serverSystemCpu() / m.serverCpu(),
                        (double) m.writeSyscalls() / deliveries, m.clientCpuPercent(),
                        p.rssBytes() / 1048576.0, stats[2] / 1048576.0,
                        longestPause(gcLog, gcLinesBefore), stats[1] - lostBefore);
            }
        } finally {
            Files.deleteIfExists(gcLog);
        }
    }

    private static void batch(WsClients clients, int n, int perClient, long[] received,
            long[] expected, CountDownLatch[] done, int[] counter, BenchOptions o)
            throws Exception {
        CountDownLatch latch = new CountDownLatch(n);
        // Visible to the loop thread: it takes the sends below from a concurrent queue.
        expected[0] += (long) perClient * n;
        done[0] = latch;
        for (int c = 0; c < n; c++) {
            List<String> texts = new ArrayList<>(perClient);
            for (int i = 0; i < perClient; i++) {
                texts.add("hello " + counter[0]++);
            }
            clients.send(c, texts);
        }
        if (!latch.await(o.timeoutSeconds(), TimeUnit.SECONDS)) {
            throw new TimeoutException("batch not delivered within " + o.timeoutSeconds()
                    + " s: " + latch.getCount() + " of " + n + " clients short");
        }
    }

    /** The longest GC pause logged after line {@code skip}, in ms (0 for Node: no log). */
    private static double longestPause(Path gcLog, int skip) throws IOException {
        double max = 0;
        for (String line : Files.readAllLines(gcLog).stream().skip(skip).toList()) {
            Matcher m = PAUSE.matcher(line);
            if (m.find()) {
                max = Math.max(max, Double.parseDouble(m.group(1)));
            }
        }
        return max;
    }
}
