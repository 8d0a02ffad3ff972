package io.github.switchboard.bench;

import java.util.concurrent.TimeUnit;

/**
 * Scenario 3, handshake rate: each repetition opens {@code handshakes} connections, 16 upgrades
 * in flight at a time, and times them until the last upgrade response; then closes them all
 * (untimed) and waits until the server has seen every close. Switchboard's connections pass a
 * guard, capture their context and subscribe twice in a CDI endpoint's {@code @OnOpen}.
 *
 * <p>Warm-up repetitions run for {@code warmup} seconds (at least two), and then on until the
 * JIT compiler threads used less than 5 % of the server's CPU in the last one (at most 120 s in
 * all): with two fixed warm-up repetitions the compiler threads still used a quarter to a third
 * of either JVM server's CPU in the measured ones, and Switchboard's larger code path (CDI,
 * interceptors) takes the JIT far longer to settle than raw Tyrus's, so the table compared
 * compilation as much as handshakes. The last column shows what compilation still costs while
 * measuring.
 */
final class Handshakes {

    static final int PER_SECOND = 0;
    private static final int IN_FLIGHT = 16;
    /** Warm-up goes on past {@code warmup} seconds while the JIT uses more of the CPU than this. */
    private static final double JIT_SETTLED = 0.05;
    /** ... but not longer than this. */
    private static final int MAX_WARMUP_SECONDS = 120;

    private Handshakes() {
    }

    static Section section(BenchOptions o) {
        return new Section("handshakes", "3. Handshake rate", String.format("Each repetition "
                + "opens %,d connections (%d upgrades in flight), timed from the first connect "
                + "to the last `101` response; then all are closed, untimed. Warm-up "
                + "repetitions for %d s (at least 2), and on while the JIT compiler used more "
                + "than 5 %% of the server's CPU in the last one (at most 120 s), then %d. "
                + "Switchboard: guard, context "
                + "capture, CDI endpoint, two subscriptions per connection; raw Tyrus and Node: "
                + "a map entry and a set entry. JIT: the CPU of the JVM's compiler threads "
                + "(`/proc/<pid>/task`), which is part of the server's CPU.",
                o.handshakesPerRepetition(), IN_FLIGHT, o.warmup(), o.repetitions()),
                PER_SECOND, "handshakes/s|%,.0f", "handshakes per server-CPU-second|%,.0f",
                "server CPU per handshake (µs)|%.0f", "server CPU % of wall|%.0f",
                "clients' CPU % of wall|%.0f", "JIT % of server CPU|%.0f");
    }

    static void run(Section s, BenchServer server, BenchOptions o) throws Exception {
        System.out.println("== handshakes: " + server.name());
        int n = o.handshakesPerRepetition();
        try (ServerProcess p = server.start(o, 0);
                WsClients clients = new WsClients(p.port(), (c, payload, now) -> { })) {
            long started = System.nanoTime();
            long warm = started + TimeUnit.SECONDS.toNanos(o.warmup());
            long longest = started + TimeUnit.SECONDS.toNanos(MAX_WARMUP_SECONDS);
            int warmups = 0;
            double jitShare = 1;
            while (warmups < 2 || System.nanoTime() < warm
                    || (jitShare > JIT_SETTLED && System.nanoTime() < longest)) {
                double cpu = p.cpuSeconds();
                double jit = p.compilerCpuSeconds();
                open(clients, n, "W" + warmups++ + "-", o);
                closeAll(clients, p, n, o);
                jitShare = Math.max(0, p.compilerCpuSeconds() - jit)
                        / Math.max(1e-9, p.cpuSeconds() - cpu);
            }
            s.note(String.format("%s: %d warm-up repetitions in %.0f s; in the last one the "
                    + "compiler threads used %.0f %% of the server's CPU.", server.name(),
                    warmups, (System.nanoTime() - started) / 1e9, 100 * Math.min(1, jitShare)));
            for (int r = 1; r <= o.repetitions(); r++) {
                double jit = p.compilerCpuSeconds();
                Meter.Start start = Meter.start(p);
                open(clients, n, "H" + r + "-", o);
                Meter m = start.stop(p);
                // A compiler thread that HotSpot retired takes its time out of the sum.
                double measuredJit = Math.max(0, p.compilerCpuSeconds() - jit) / m.serverCpu();
                closeAll(clients, p, n, o);
                s.add(server.name(), n / m.seconds(), n / m.serverCpu(),
                        1e6 * m.serverCpu() / n, m.serverCpuPercent(), m.clientCpuPercent(),
                        100 * Math.min(1, measuredJit));
            }
        }
    }

    /** Opens {@code n} connections; returns once the last one is upgraded. */
    private static void open(WsClients clients, int n, String prefix, BenchOptions o)
            throws Exception {
        clients.open(n, prefix, IN_FLIGHT, 0).get(o.timeoutSeconds(), TimeUnit.SECONDS);
    }

    /** Closes what {@link #open} opened once the server counts it open; waits for every close. */
    private static void closeAll(WsClients clients, ServerProcess p, int n, BenchOptions o)
            throws Exception {
        p.awaitOpen(n, o.timeoutSeconds());
        clients.closeAll();
        p.awaitOpen(0, o.timeoutSeconds());
    }
}
