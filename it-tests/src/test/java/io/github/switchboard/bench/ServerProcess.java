package io.github.switchboard.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A benchmark server in its own process (a JVM with the harness's {@code java} and class path, or
 * Node), speaking {@link ServerConsole}'s protocol, with
 * its CPU time and RSS read from {@code /proc/<pid>} (Linux only). Not thread-safe: one harness
 * thread drives it. {@link #close()} kills the process.
 */
final class ServerProcess implements AutoCloseable {

    private static final long CLOCK_TICKS_PER_SECOND = Long.getLong("bench.clk-tck", 100);
    private static final long START_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final PrintWriter stdin;
    private final int port;

    private ServerProcess(Process process, Path stderr) throws IOException, InterruptedException {
        this.process = process;
        this.stderr = stderr;
        this.stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readStdout, "bench-server-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        String first = next("port", START_TIMEOUT_SECONDS);
        this.port = Integer.parseInt(first.substring("port ".length()).trim());
    }

    /** Starts {@code mainClass} with {@code jvmArgs}; waits for its port or fails with its stderr. */
    static ServerProcess start(Class<?> mainClass, List<String> jvmArgs)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        return start(cmd, Map.of(), mainClass.getSimpleName());
    }

    /** Starts {@code cmd} with extra {@code env}; waits for its port or fails with its stderr. */
    static ServerProcess start(List<String> cmd, Map<String, String> env, String label)
            throws IOException, InterruptedException {
        Path err = Files.createTempFile("bench-" + label, ".stderr");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            return new ServerProcess(p, err);
        } catch (IOException | InterruptedException | RuntimeException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** User plus system CPU time of the server process so far, in seconds. */
    double cpuSeconds() throws IOException {
        return cpuSeconds(pid());
    }

    /** System (kernel) CPU time of the server process so far, in seconds. */
    double systemCpuSeconds() throws IOException {
        return ticks(pid(), false) / CLOCK_TICKS_PER_SECOND;
    }

    /**
     * CPU time of the server's JIT compiler threads so far, in seconds (HotSpot names them
     * {@code C1 CompilerThre…} and {@code C2 CompilerThre…}); 0 for a server without them (Node).
     * Part of {@link #cpuSeconds()}: it says how much of a measured stretch was still warm-up.
     */
    double compilerCpuSeconds() throws IOException {
        long ticks = 0;
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc",
                Long.toString(pid()), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String comm = Files.readString(task.resolve("comm")).trim();
                    if (comm.startsWith("C1 Compi") || comm.startsWith("C2 Compi")) {
                        String stat = Files.readString(task.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                    }
                } catch (java.nio.file.NoSuchFileException gone) {
                    // The thread ended between the listing and the read: HotSpot retires idle
                    // compiler threads, and their time leaves the sum with them.
                }
            }
        }
        return ticks / (double) CLOCK_TICKS_PER_SECOND;
    }

    /** User plus system CPU time of process {@code pid} so far, in seconds, from {@code /proc}. */
    static double cpuSeconds(long pid) throws IOException {
        return ticks(pid, true) / CLOCK_TICKS_PER_SECOND;
    }

    private static double ticks(long pid, boolean withUser) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // Fields after the command name, which may contain spaces, start after the last ')'.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long stime = Long.parseLong(f[12]); // field 15
        return withUser ? Long.parseLong(f[11]) + stime : stime; // utime is field 14
    }

    /** The resident set size of the server process now, in bytes. */
    long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid() + "/status");
    }

    /** Asks the server for its counters: published, lost deliveries, heap bytes used, open. */
    long[] stats() throws IOException, InterruptedException {
        stdin.println("stats");
        String[] f = next("stats", 30).split(" ");
        return new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
            Long.parseLong(f[4])};
    }

    /** Waits until the server counts {@code n} open connections (its endpoint saw them open). */
    void awaitOpen(long n, long timeoutSeconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long open;
        while ((open = stats()[3]) != n) {
            if (System.nanoTime() > deadline) {
                throw failure(open + " connections open, not " + n + ", after " + timeoutSeconds
                        + " s");
            }
            Thread.sleep(20); // polling the server's own count; nothing to wait on across JVMs
        }
    }

    /** Collects garbage in the server; the heap in use after, in bytes. */
    long gc() throws IOException, InterruptedException {
        stdin.println("gc");
        return Long.parseLong(next("gc", 60).split(" ")[1]);
    }

    /** Has the server publish its {@code System.nanoTime()} to the room; returns once it did. */
    void publish() throws IOException, InterruptedException {
        stdin.println("publish");
        next("published", 60);
    }

    /**
     * The server's heap in use as it sampled it since the previous call (the first call starts
     * its sampler), each {@code {nanoTime, bytes}}; the server's {@code nanoTime} is this
     * process's clock too (one monotonic clock per machine on Linux).
     */
    List<long[]> heapSamples() throws IOException, InterruptedException {
        stdin.println("samples");
        String[] f = next("samples", 30).split(" ");
        List<long[]> samples = new ArrayList<>(f.length - 1);
        for (int i = 1; i < f.length; i++) {
            int colon = f[i].indexOf(':');
            samples.add(new long[] {Long.parseLong(f[i].substring(0, colon)),
                Long.parseLong(f[i].substring(colon + 1))});
        }
        return samples;
    }

    /** Write system calls of the server process so far ({@code syscw} in /proc/pid/io). */
    long writeSyscalls() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "io"))) {
            if (line.startsWith("syscw:")) {
                return Long.parseLong(line.substring(6).trim());
            }
        }
        throw new IOException("no syscw in /proc/" + pid() + "/io");
    }

    private String next(String prefix, long timeoutSeconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw failure("no '" + prefix + "' line within " + timeoutSeconds + " s");
            }
            if (line.equals("\u0000eof")) {
                throw failure("server exited before printing '" + prefix + "'");
            }
            if (line.startsWith(prefix + " ") || line.equals(prefix)) {
                return line;
            }
        }
    }

    private IOException failure(String what) throws IOException {
        String err = Files.readString(stderr);
        return new IOException("benchmark server pid " + pid() + ": " + what
                + (process.isAlive() ? "" : " (exit " + process.exitValue() + ")")
                + "; its stderr:\n" + err);
    }

    private void readStdout() {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // The process ended or was killed; the marker below tells the waiting side.
        }
        lines.add("\u0000eof");
    }

    @Override
    public void close() {
        stdin.close();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(stderr);
        } catch (IOException ignored) {
            // A temp file left behind is harmless.
        }
    }
}
