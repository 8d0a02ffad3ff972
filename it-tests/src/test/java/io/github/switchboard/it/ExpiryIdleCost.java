package io.github.switchboard.it;

import io.github.switchboard.Connection;
import io.github.switchboard.Topics;
import io.github.switchboard.server.EmbeddedServer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Measures what credential expiry costs idle connections (issue 11 §2), not a test: N idle
 * connections (default 10,000) first without, then with an expiry an hour ahead; the process's
 * CPU time over an idle interval in each phase, and the expiry thread's own. Run with the
 * it-tests test class path, the server and the clients in two processes:
 * {@code java -cp ... io.github.switchboard.it.ExpiryIdleCost 10000 20} prints {@code uri ...};
 * {@code java -cp ... io.github.switchboard.it.ExpiryIdleCost clients <uri> 10000} connects.
 */
public final class ExpiryIdleCost {

    private ExpiryIdleCost() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("clients")) {
            try (ManyClients many = ManyClients.connect(java.net.URI.create(args[1]),
                    Integer.parseInt(args[2]))) {
                System.out.println("connected " + many.clients.size());
                System.in.read(); // until the harness ends this process
            }
            return;
        }
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        System.setProperty("switchboard.max-connections", Integer.toString(count * 2));
        System.setProperty("switchboard.max-connections-per-address", Integer.toString(count * 2));
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean();
        try (EmbeddedServer server = EmbeddedServer.builder().port(0).endpoints(Expiring.class)
                .beanClasses(Expiring.ExpiryGuard.class).idleTimeout(Duration.ofHours(2)).start()) {
            System.out.println("uri " + server.uri("/expiring"));
            // The clients in a process of their own: one JVM holding both ends of 10,000
            // connections would need more descriptors than the machine gives a process.
            Process clients = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
                    "java").toString(), "-cp", System.getProperty("java.class.path"),
                    ExpiryIdleCost.class.getName(), "clients", server.uri("/expiring").toString(),
                    Integer.toString(count)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            try {
                measure(server, os, count, seconds);
            } finally {
                clients.destroy();
                clients.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void measure(EmbeddedServer server, com.sun.management.OperatingSystemMXBean os,
            int count, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (server.openConnections() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + server.openConnections() + " connected");
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        {
            System.out.printf("%d connections open%n", server.openConnections());
            settle();
            long without = cpuOver(os, seconds);
            Topics topics = server.container().select(Topics.class).get();
            Instant at = Instant.now().plus(Duration.ofHours(1));
            int given = 0;
            for (Connection c : topics.subscribers("all")) {
                given += c.extendUntil(at.plusMillis(given % 60_000)) ? 1 : 0;
            }
            settle();
            long wheelBefore = threadCpu("switchboard-expiry");
            long with = cpuOver(os, seconds);
            long wheel = threadCpu("switchboard-expiry") - wheelBefore;
            System.out.printf("idle %d s, %d connections: server process CPU %d ms without "
                    + "expiries, %d ms with %d expiries (difference %d ms); the expiry thread: "
                    + "%.1f ms%n", seconds, count, without / 1_000_000, with / 1_000_000, given,
                    (with - without) / 1_000_000, wheel / 1e6);
        }
    }

    private static void settle() throws InterruptedException {
        System.gc();
        TimeUnit.SECONDS.sleep(5); // a measurement harness: let connection set-up work finish
    }

    private static long cpuOver(com.sun.management.OperatingSystemMXBean os, int seconds)
            throws InterruptedException {
        long before = os.getProcessCpuTime();
        TimeUnit.SECONDS.sleep(seconds);
        return os.getProcessCpuTime() - before;
    }

    private static long threadCpu(String name) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
            if (info.getThreadName().equals(name)) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }
}
