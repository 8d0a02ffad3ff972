package io.github.switchboard.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 6's chat fan-out scenario, Switchboard against raw Tyrus: starts each server in its own
 * JVM, connects the clients, runs warm-up batches and then measured repetitions, reads server CPU
 * and RSS from {@code /proc}, and writes {@code benchmarks.md} and {@code benchmarks/chat-fanout.csv}
 * into the directory given by {@code --out}. Run by {@code mvn -B -Pbench -pl it-tests -am verify
 * -DskipTests}; see {@link BenchOptions} for the knobs.
 */
public final class ChatBench {

    private static final long HARNESS_PID = ProcessHandle.current().pid();

    private ChatBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions o = BenchOptions.parse(args);
        List<Repetition> all = new ArrayList<>();
        all.addAll(run("Switchboard", SwitchboardChatServer.class, o));
        all.addAll(run("raw Tyrus", RawTyrusChatServer.class, o));
        new BenchReport(o, all).write(Path.of(o.out()));
    }

    private static List<Repetition> run(String name, Class<?> server, BenchOptions o)
            throws Exception {
        System.out.println("== " + name);
        List<Repetition> reps = new ArrayList<>();
        try (ServerProcess p = ServerProcess.start(server, o.serverJvmArgs());
                ChatClients clients = ChatClients.connect(p.port(), o.clients(), o.messages())) {
            for (int i = 0; i < o.warmup(); i++) {
                clients.batch(o.batchTimeoutSeconds());
            }
            long deliveriesPerBatch = (long) o.messages() * o.clients();
            for (int r = 1; r <= o.repetitions(); r++) {
                long lostBefore = p.stats()[1];
                double cpuBefore = p.cpuSeconds();
                double sysBefore = p.systemCpuSeconds();
                double clientCpuBefore = ServerProcess.cpuSeconds(HARNESS_PID);
                long start = System.nanoTime();
                for (int b = 0; b < o.batches(); b++) {
                    clients.batch(o.batchTimeoutSeconds());
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpu = p.cpuSeconds() - cpuBefore;
                double sys = p.systemCpuSeconds() - sysBefore;
                double clientCpu = ServerProcess.cpuSeconds(HARNESS_PID) - clientCpuBefore;
                long[] stats = p.stats();
                Repetition rep = new Repetition(name, r, o.batches(),
                        deliveriesPerBatch * o.batches(), seconds, cpu, sys, clientCpu, p.rssBytes(),
                        stats[2], stats[1] - lostBefore);
                System.out.println(rep.csv());
                reps.add(rep);
            }
        }
        return reps;
    }
}
