package io.github.switchboard.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The benchmark servers' line protocol with the harness (the Node server speaks it too): the
 * server prints {@code port <n>}, then answers each line on stdin; end of stdin stops it.
 * <ul>
 *   <li>{@code stats}: {@link ChatStats#line()};</li>
 *   <li>{@code gc}: collects garbage, answers {@code gc <heapBytesUsed>};</li>
 *   <li>{@code publish}: sends {@code System.nanoTime()} as text to everyone in the room,
 *       answers {@code published}.</li>
 * </ul>
 */
final class ServerConsole {

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
                default -> System.out.println("error unknown command " + line);
            }
            System.out.flush();
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
