package io.github.switchboard.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Scenario 5, slow consumer: {@code subscribers} clients in the room, one of them with a 4 KiB
 * receive buffer; client 0 sends {@code messages} texts of 2 KiB at once, and the repetition
 * ends when every other client has received all of them. First with nobody stopped, then with
 * the small-buffer client no longer reading; the server's heap in use after a full collection
 * is read after each repetition. Switchboard runs with its default backpressure limit (1 MiB).
 */
final class SlowConsumer {

    static final int OTHERS_PER_SECOND = 1;
    private static final int PAYLOAD = 2048;

    private SlowConsumer() {
    }

    static Section section(BenchOptions o) {
        return new Section("slow-consumer", "5. Slow consumer", String.format("%,d subscribers "
                + "in the room, one with a 4 KiB receive buffer; client 0 sends %d messages of "
                + "2 KiB at once, published to the room; a repetition ends when every other "
                + "subscriber has all of them. Rows: nobody stopped, then the same with the "
                + "small-buffer client no longer reading (its backlog grows across "
                + "repetitions: Switchboard drops past its 1 MiB limit, the others queue "
                + "without bound). Heap: the server's heap in use after a full collection at "
                + "the end of each repetition. 1 warm-up repetition each, then %d.",
                o.slowSubscribers(), o.slowMessages(), o.repetitions()), OTHERS_PER_SECOND,
                "time (s)|%.2f", "deliveries/s to the others|%,.0f",
                "server CPU % of wall|%.0f", "heap after GC (MiB)|%.1f",
                "dropped for the stopped one|%,.0f");
    }

    static void run(Section s, BenchServer server, BenchOptions o) throws Exception {
        System.out.println("== slow consumer: " + server.name());
        int others = o.slowSubscribers() - 1;
        Counts counts = new Counts(others);
        try (ServerProcess p = server.start(o, 0, "-Dswitchboard.backpressure-limit=1048576");
                WsClients clients = new WsClients(p.port(), counts)) {
            clients.open(others, "Client", 64, 0).get(o.timeoutSeconds(), TimeUnit.SECONDS);
            int slow = clients.open(1, "Slow", 1, PAYLOAD).get(o.timeoutSeconds(),
                    TimeUnit.SECONDS);
            p.awaitOpen(o.slowSubscribers(), o.timeoutSeconds());
            List<String> texts = new ArrayList<>();
            String filler = "x".repeat(PAYLOAD - 16);
            for (int i = 0; i < o.slowMessages(); i++) {
                texts.add(filler + i);
            }
            for (boolean stopped : new boolean[] {false, true}) {
                if (stopped) {
                    clients.pause(slow);
                }
                String row = server.name() + (stopped ? ", one stopped" : ", none stopped");
                for (int r = 0; r <= o.repetitions(); r++) {
                    CountDownLatch done = counts.reset(o.slowMessages());
                    long lost0 = p.stats()[1];
                    Meter.Start start = Meter.start(p);
                    clients.send(0, texts);
                    if (!done.await(o.timeoutSeconds(), TimeUnit.SECONDS)) {
                        throw new TimeoutException(row + ": not all delivered");
                    }
                    Meter m = start.stop(p);
                    long[] stats = p.stats();
                    long heap = p.gc();
                    if (r > 0) {
                        s.add(row, m.seconds(), (double) others * o.slowMessages() / m.seconds(),
                                m.serverCpuPercent(), heap / 1048576.0, stats[1] - lost0);
                    }
                }
            }
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
