package io.github.switchboard.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The harness's arguments ({@code --name=value}). Defaults follow issue 6 (32 clients, 1,600
 * messages per batch; 1,000 and 10,000 subscribers; 5 repetitions), scaled so that a whole run
 * on a 2-core machine takes about a quarter of an hour: chat fan-out and the handshake
 * scenario warm up for {@code warmup} seconds, the fan-out repeats as many batches as fill
 * {@code batches} seconds; 3 rounds
 * of 10,000 connections for the memory scenario (each round opens and closes them
 * all), 3-second latency repetitions.
 */
record BenchOptions(int clients, int messages, int warmup, int batches, int repetitions,
        long timeoutSeconds, String out, String work, String versions, String command,
        Set<Integer> scenarios, int latencySubscribers, int latencySeconds,
        int handshakesPerRepetition, int idleConnections, int memoryRounds, int slowSubscribers,
        int slowMessages, int slowRepetitions, int publishesPerRepetition, boolean node,
        List<String> extraJvmArgs, Set<String> servers) {

    /**
     * The same fixed heap for both JVM servers (so that no run pays for growing it), and lift
     * Switchboard's default limits for the runs, so that nothing is throttled or dropped
     * and 10,000 connections from one address are admitted (the slow-consumer scenario sets the
     * backpressure limit back to its default).
     */
    static final List<String> SERVER_JVM_ARGS = List.of(
            "-Xms512m", "-Xmx512m",
            "-Dswitchboard.max-messages-per-second=100000000",
            "-Dswitchboard.backpressure-limit=67108864",
            "-Dswitchboard.max-connections=20000",
            "-Dswitchboard.max-connections-per-address=20000");

    static BenchOptions parse(String[] args) {
        int clients = 32;
        int messages = 1600;
        int warmup = 15; // seconds
        int batches = 2; // seconds per repetition
        int repetitions = 5;
        String out = "docs";
        String work = "target/bench";
        String versions = "";
        String command = "mvn -B -Pbench -pl it-tests -am verify -DskipTests";
        Set<Integer> scenarios = new TreeSet<>(List.of(1, 2, 3, 4, 5, 6));
        int latencySubscribers = 1000;
        int latencySeconds = 3;
        int handshakes = 2000;
        int idle = 10_000;
        int memoryRounds = 3;
        int slowSubscribers = 1000;
        int slowMessages = 200;
        int slowRepetitions = 8; // pairs: the two cases alternate, for a stable median
        int publishes = 20;
        boolean node = true;
        List<String> extra = new ArrayList<>();
        Set<String> servers = Set.of("switchboard", "raw", "node");
        List<String> all = new ArrayList<>();
        for (String a : args) {
            // -Dbench.args="--a=1 --b=2" arrives as one argument.
            all.addAll(List.of(a.split(" (?=--)")));
        }
        for (String a : all) {
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --name=value, got " + a);
            }
            String v = a.substring(eq + 1);
            switch (a.substring(2, eq)) {
                case "clients" -> clients = Integer.parseInt(v);
                case "messages" -> messages = Integer.parseInt(v);
                case "warmup-seconds" -> warmup = Integer.parseInt(v);
                case "repetition-seconds" -> batches = Integer.parseInt(v);
                case "repetitions" -> repetitions = Integer.parseInt(v);
                case "out" -> out = v;
                case "work" -> work = v;
                case "versions" -> versions = v;
                case "command" -> command = v;
                case "scenarios" -> {
                    scenarios = new TreeSet<>();
                    for (String s : v.split(",")) {
                        scenarios.add(Integer.parseInt(s.trim()));
                    }
                }
                case "latency-subscribers" -> latencySubscribers = Integer.parseInt(v);
                case "latency-seconds" -> latencySeconds = Integer.parseInt(v);
                case "handshakes" -> handshakes = Integer.parseInt(v);
                case "idle-connections" -> idle = Integer.parseInt(v);
                case "memory-rounds" -> memoryRounds = Integer.parseInt(v);
                case "slow-subscribers" -> slowSubscribers = Integer.parseInt(v);
                case "slow-messages" -> slowMessages = Integer.parseInt(v);
                case "slow-repetitions" -> slowRepetitions = Integer.parseInt(v);
                case "publishes" -> publishes = Integer.parseInt(v);
                case "node" -> node = Boolean.parseBoolean(v);
                case "servers" -> servers = Set.of(v.split(",")); // switchboard,raw,node
                case "server-jvm-arg" -> extra.add(v); // e.g. a JFR recording, for profiling
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (messages % clients != 0) {
            throw new IllegalArgumentException(messages + " messages do not split over "
                    + clients + " clients");
        }
        return new BenchOptions(clients, messages, warmup, batches, repetitions, 120, out, work,
                versions, command, scenarios, latencySubscribers, latencySeconds, handshakes,
                idle, memoryRounds, slowSubscribers, slowMessages, slowRepetitions, publishes, node,
                List.copyOf(extra), servers);
    }

    /** The servers' JVM arguments, {@code -Dbench.clients=} set to {@code readyAt}. */
    List<String> serverJvmArgs(int readyAt, String... more) {
        List<String> jvm = new ArrayList<>(SERVER_JVM_ARGS);
        jvm.add("-Dbench.clients=" + readyAt);
        jvm.addAll(extraJvmArgs);
        jvm.addAll(List.of(more));
        return jvm;
    }
}
