package io.github.switchboard.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The harness's arguments ({@code --name=value}); defaults follow issue 6: 32 clients, 1,600
 * messages per batch, 10 warm-up batches, 5 repetitions of 20 batches.
 */
record BenchOptions(int clients, int messages, int warmup, int batches, int repetitions,
        long batchTimeoutSeconds, String out, String versions, String command,
        List<String> serverJvmArgs) {

    /** Lift Switchboard's default limits, so that nothing is throttled or dropped. */
    static final List<String> SERVER_JVM_ARGS = List.of(
            "-Dswitchboard.max-messages-per-second=100000000",
            "-Dswitchboard.backpressure-limit=67108864");

    static BenchOptions parse(String[] args) {
        int clients = 32;
        int messages = 1600;
        int warmup = 10;
        int batches = 20;
        int repetitions = 5;
        String out = "docs";
        String versions = "";
        String command = "mvn -B -Pbench -pl it-tests -am verify -DskipTests";
        for (String a : args) {
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --name=value, got " + a);
            }
            String v = a.substring(eq + 1);
            switch (a.substring(2, eq)) {
                case "clients" -> clients = Integer.parseInt(v);
                case "messages" -> messages = Integer.parseInt(v);
                case "warmup" -> warmup = Integer.parseInt(v);
                case "batches" -> batches = Integer.parseInt(v);
                case "repetitions" -> repetitions = Integer.parseInt(v);
                case "out" -> out = v;
                case "versions" -> versions = v;
                case "command" -> command = v;
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        List<String> jvm = new ArrayList<>(SERVER_JVM_ARGS);
        jvm.add("-Dbench.clients=" + clients);
        return new BenchOptions(clients, messages, warmup, batches, repetitions, 60, out, versions,
                command, List.copyOf(jvm));
    }
}
