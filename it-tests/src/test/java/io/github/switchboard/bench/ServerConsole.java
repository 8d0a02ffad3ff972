package io.github.switchboard.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The benchmark servers' line protocol with the harness (the Node server speaks it too): the
 * server prints {@code port <n>}, then answers each line on stdin; end of stdin stops it.
 * <ul>
 *   <li>{@code stats}: {@link ChatStats#line()};</li>
 *   <li>{@code gc}: collects garbage, answers {@code gc <heapBytesUsed>};</li>
 *   <li>{@code publish}: sends {@code System.nanoTime()} as text to everyone in the room,
 *       answers {@code published};</li>
 *   <li>{@code samples}: answers {@code samples <nanoTime>:<heapBytesUsed> ...}, the heap in
 *       use as sampled every {@value #SAMPLE_MILLIS} ms since the previous {@code samples}
 *       (the first one starts the sampling and answers none).</li>
 * </ul>
 */
final class ServerConsole {

    static final long SAMPLE_MILLIS = 20;

    /** Heap samples not yet fetched, as pairs (nanoTime, bytes); guarded by itself. */
    private static final List<long[]> SAMPLES = new ArrayList<>();
    private static Thread sampler; // the console thread only

    private ServerConsole() {
    }

    /** Prints the port, serves the harness until stdin ends, then returns. */
    static void serve(int port, ChatStats stats, Consumer<String> roomPublish) throws IOException {
        System.out.println("port " + port);
        System.out.flush();
        BufferedReader in = new BufferedReader(
                new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            switch (line) {
                case "stats" -> System.out.println(stats.line());
                case "gc" -> System.out.println("gc " + collect());
                case "publish" -> {
                    roomPublish.accept(Long.toString(System.nanoTime()));
                    System.out.println("published");
                }
                case "samples" -> System.out.println(samples());
                default -> System.out.println("error unknown command " + line);
            }
            System.out.flush();
        }
    }

    /** The samples since the last call, as the {@code samples} line; starts the sampler. */
    private static String samples() {
        if (sampler == null) {
            sampler = new Thread(ServerConsole::sample, "bench-heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }
        StringBuilder line = new StringBuilder("samples");
        synchronized (SAMPLES) {
            for (long[] s : SAMPLES) {
                line.append(' ').append(s[0]).append(':').append(s[1]);
            }
            SAMPLES.clear();
        }
        return line.toString();
    }

    private static void sample() {
        while (true) {
            long[] s = {System.nanoTime(), ChatStats.heapUsed()};
            synchronized (SAMPLES) {
                SAMPLES.add(s);
            }
            try {
                Thread.sleep(SAMPLE_MILLIS); // a sampling period, not a synchronization
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Full collections until the heap in use stops shrinking; the heap in use after. */
    private static long collect() {
        long before = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long now = ChatStats.heapUsed();
            if (now >= before) {
                return now;
            }
            before = now;
        }
        return before;
    }
}
