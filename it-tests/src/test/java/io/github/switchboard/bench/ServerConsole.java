package io.github.switchboard.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark servers' line protocol with the harness: the server prints {@code port <n>}, then
 * answers each {@code stats} line on stdin with {@link ChatStats#line()}; end of stdin stops it.
 */
final class ServerConsole {

    private ServerConsole() {
    }

    /** Prints the port, serves {@code stats} until stdin ends, then returns. */
    static void serve(int port, ChatStats stats) throws IOException {
        System.out.println("port " + port);
        System.out.flush();
        BufferedReader in = new BufferedReader(
                new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("stats")) {
                System.out.println(stats.line());
                System.out.flush();
            }
        }
    }
}
