package io.github.switchboard.bench;

import java.util.concurrent.TimeUnit;

/**
 * Scenario 3, handshake rate: each repetition opens {@code handshakes} connections, 16 upgrades
 * in flight at a time, and times them until the last upgrade response; then closes them all
 * (untimed) and waits until the server has seen every close. Switchboard's connections pass a
 * guard, capture their context and subscribe twice in a CDI endpoint's {@code @OnOpen}.
 */
final class Handshakes {

    static final int PER_SECOND = 0;
    private static final int IN_FLIGHT = 16;

    private Handshakes() {
    }

    static Section section(BenchOptions o) {
        return new Section("handshakes", "3. Handshake rate", String.format("Each repetition "
                + "opens %,d connections (%d upgrades in flight), timed from the first connect "
                + "to the last `101` response; then all are closed, untimed. 2 warm-up "
                + "repetitions, then %d. Switchboard: guard, context capture, CDI endpoint, two "
                + "subscriptions per connection; raw Tyrus and Node: a map entry and a set entry.",
                o.handshakesPerRepetition(), IN_FLIGHT, o.repetitions()), PER_SECOND,
                "handshakes/s|%,.0f", "handshakes per server-CPU-second|%,.0f",
                "server CPU per handshake (µs)|%.0f", "server CPU % of wall|%.0f",
                "clients' CPU % of wall|%.0f");
    }

    static void run(Section s, BenchServer server, BenchOptions o) throws Exception {
        System.out.println("== handshakes: " + server.name());
        int n = o.handshakesPerRepetition();
        try (ServerProcess p = server.start(o, 0);
                WsClients clients = new WsClients(p.port(), (c, payload, now) -> { })) {
            for (int r = -1; r <= o.repetitions(); r++) {
                Meter.Start start = Meter.start(p);
                clients.open(n, "H" + (r + 1) + "-", IN_FLIGHT, 0)
                        .get(o.timeoutSeconds(), TimeUnit.SECONDS);
                Meter m = start.stop(p);
                p.awaitOpen(n, o.timeoutSeconds());
                clients.closeAll();
                p.awaitOpen(0, o.timeoutSeconds());
                if (r > 0) {
                    s.add(server.name(), n / m.seconds(), n / m.serverCpu(),
                            1e6 * m.serverCpu() / n, m.serverCpuPercent(), m.clientCpuPercent());
                }
            }
        }
    }
}
