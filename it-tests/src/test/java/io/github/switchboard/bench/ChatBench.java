package io.github.switchboard.bench;

import static io.github.switchboard.bench.BenchServer.NODE;
import static io.github.switchboard.bench.BenchServer.RAW;
import static io.github.switchboard.bench.BenchServer.SWITCHBOARD;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 6's harness: runs the selected scenarios, each on every server (Switchboard, raw Tyrus,
 * Node + ws when Node is present), each server in its own process started afresh per scenario,
 * and writes {@code benchmarks.md}, {@code benchmarks/<scenario>.csv} and
 * {@code benchmarks/<scenario>.svg} into the directory given by {@code --out}. Run by
 * {@code mvn -B -Pbench -pl it-tests -am verify -DskipTests}; see {@link BenchOptions}.
 */
public final class ChatBench {

    private ChatBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions o = BenchOptions.parse(args);
        String loadBefore = BenchReport.loadAverage();
        List<BenchServer> servers = BenchServer.all(o);
        List<Section> sections = new ArrayList<>();
        long t0 = System.nanoTime();
        if (o.scenarios().contains(1)) {
            Section s = ChatFanout.section(o);
            for (BenchServer server : servers) {
                ChatFanout.run(s, server, o);
            }
            if (compared(s)) {
                fanoutTargets(s);
            }
            sections.add(s);
        }
        if (o.scenarios().contains(2)) {
            for (Latency.Variant v : Latency.Variant.values()) {
                Section s = Latency.section(o, v);
                for (BenchServer server : servers) {
                    Latency.run(s, server, o, v);
                }
                if (compared(s)) {
                    latencyTargets(s, v, o);
                }
                sections.add(s);
            }
        }
        if (o.scenarios().contains(3)) {
            Section s = Handshakes.section(o);
            for (BenchServer server : servers) {
                Handshakes.run(s, server, o);
            }
            if (compared(s)) {
                double r = s.ratio(SWITCHBOARD, RAW, Handshakes.PER_SECOND);
                s.target("Handshake rate ≥ 0.9× raw Tyrus", String.format("%.2f×", r),
                        r >= 0.9);
                s.note(String.format("Handshakes per server-CPU-second, Switchboard / raw Tyrus: "
                        + "%.2f×.", s.ratio(SWITCHBOARD, RAW, 1)));
            }
            sections.add(s);
        }
        if (o.scenarios().contains(4) || o.scenarios().contains(6)) {
            Section memory = IdleConnections.memorySection(o);
            Section publish = IdleConnections.publishSection(o);
            for (BenchServer server : servers) {
                IdleConnections.run(memory, publish, server, o);
            }
            if (compared(memory)) {
                memoryTargets(memory, publish);
            }
            sections.add(memory);
            sections.add(publish);
        }
        if (o.scenarios().contains(5)) {
            Section s = SlowConsumer.section(o);
            for (BenchServer server : servers) {
                SlowConsumer.run(s, server, o);
            }
            slowTargets(s, servers);
            sections.add(s);
        }
        System.out.printf("bench: all scenarios took %.0f s%n", (System.nanoTime() - t0) / 1e9);
        new BenchReport(o, sections, loadBefore).write(Path.of(o.out()));
    }

    /** Whether both Switchboard and raw Tyrus ran, so that ratios exist. */
    private static boolean compared(Section s) {
        return s.rows.containsKey(SWITCHBOARD) && s.rows.containsKey(RAW);
    }

    private static void memoryTargets(Section memory, Section publish) {
        double extra = memory.stats(SWITCHBOARD, 0).median() - memory.stats(RAW, 0).median();
        memory.target("Extra heap per idle connection (context, two subscriptions) ≤ 2 KiB "
                + "over raw Tyrus", String.format("%,.0f bytes", extra), extra <= 2048);
        publish.note(String.format("p99 to the last receipt, Switchboard / raw Tyrus: %.2f; "
                + "deliveries per server-CPU-second, Switchboard / raw Tyrus: %.1f×%s.",
                publish.ratio(SWITCHBOARD, RAW, 1), publish.ratio(SWITCHBOARD, RAW, 2),
                publish.rows.containsKey(NODE) ? String.format(", / Node + ws: %.1f×",
                        publish.ratio(SWITCHBOARD, NODE, 2)) : ""));
    }

    /**
     * The slow-consumer ratio is the median over pairs of (one stopped / none stopped) in the
     * same pair: the cases alternate so that the machine's load, which drifts more between
     * repetitions than the cases differ, hits both alike; the ratio of the two medians is
     * given beside it.
     */
    private static void slowTargets(Section s, List<BenchServer> servers) {
        int m = SlowConsumer.OTHERS_PER_SECOND;
        for (BenchServer server : servers) {
            String none = server.name() + ", none stopped";
            String one = server.name() + ", one stopped";
            List<double[]> a = s.rows.get(one);
            List<double[]> b = s.rows.get(none);
            double paired = Section.Stats.of(java.util.stream.IntStream.range(0, a.size())
                    .mapToDouble(i -> a.get(i)[m] / b.get(i)[m])).median();
            String text = String.format("%.2f× (median over pairs; ratio of the medians "
                    + "%.2f×); heap in use at most %.1f MiB with one stopped, %.1f MiB with "
                    + "none; after GC at most %.1f and %.1f MiB; %,.0f dropped for the stopped "
                    + "one per repetition", paired, s.ratio(one, none, m),
                    s.stats(one, SlowConsumer.HEAP_MAX).max(),
                    s.stats(none, SlowConsumer.HEAP_MAX).max(),
                    s.stats(one, SlowConsumer.HEAP_MAX + 1).max(),
                    s.stats(none, SlowConsumer.HEAP_MAX + 1).max(),
                    s.stats(one, SlowConsumer.DROPPED).median());
            if (server.name().equals(SWITCHBOARD)) {
                s.target("Slow consumer: the others' throughput ≥ 0.9× of the run without "
                        + "one, heap bounded", text, paired >= 0.9);
            } else {
                s.note(server.name() + ", the others' throughput with one stopped / none: "
                        + text + ".");
            }
        }
    }

    private static void fanoutTargets(Section s) {
        int m = ChatFanout.DELIVERIES_PER_CPU_SECOND;
        double raw = s.ratio(SWITCHBOARD, RAW, m);
        s.target("Chat fan-out, deliveries per server-CPU-second ≥ 30× raw Tyrus",
                String.format("%.1f×", raw), raw >= 30);
        if (s.rows.containsKey(NODE)) {
            double node = s.ratio(SWITCHBOARD, NODE, m);
            s.target("Chat fan-out, deliveries per server-CPU-second ≥ 20× Node + ws",
                    String.format("%.1f×", node), node >= 20);
        }
        double rss = s.stats(SWITCHBOARD, 6).max();
        s.target("Server RSS under 512 MiB under the fan-out load", String.format("%.0f MiB "
                + "(highest repetition)", rss), rss < 512);
        double pause = s.stats(SWITCHBOARD, 8).max();
        s.target("GC pauses under 20 ms under the fan-out load", String.format("%.1f ms "
                + "(longest logged)", pause), pause < 20);
        s.note(String.format("Deliveries/s, Switchboard / raw Tyrus: %.1f×.",
                s.ratio(SWITCHBOARD, RAW, 0)));
        s.note("Node's GC pauses are not logged (0 in the table).");
    }

    private static void latencyTargets(Section s, Latency.Variant v, BenchOptions o) {
        double sb = s.stats(SWITCHBOARD, Latency.P99).median();
        double raw = s.stats(RAW, Latency.P99).median();
        String measured = String.format("%.3f ms vs %.3f ms", sb, raw);
        if (v == Latency.Variant.ROOM) {
            // Offered: 200 publishes/s to every subscriber. Say who kept up, not only the p99.
            double offered = (double) v.rate * o.latencySubscribers();
            measured += String.format("; deliveries/s achieved %,.0f vs %,.0f of %,.0f offered",
                    s.stats(SWITCHBOARD, Latency.ACHIEVED).median(),
                    s.stats(RAW, Latency.ACHIEVED).median(), offered);
        }
        s.target("Low-rate p99 latency ≤ raw Tyrus + 1 ms (" + v.what + ")", measured,
                sb <= raw + 1);
    }
}
