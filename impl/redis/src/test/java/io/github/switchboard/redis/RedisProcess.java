package io.github.switchboard.redis;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} on a free loopback port, started and stopped by the tests: the one
 * on the PATH (Debian's package), else the binary the {@code embedded-redis} test jar ships,
 * extracted into {@code target/}. Without either the tests are skipped with a message, except
 * under {@code CI=true}, where they fail. Not thread-safe: one test thread drives it.
 */
final class RedisProcess implements AutoCloseable {

    private final Path binary;
    private final int port;
    private final List<String> extraArgs;
    private Process process;
    private final ConcurrentLinkedQueue<String> output = new ConcurrentLinkedQueue<>();

    private RedisProcess(Path binary, int port, List<String> extraArgs) {
        this.binary = binary;
        this.port = port;
        this.extraArgs = extraArgs;
    }

    /** Starts a server; {@code args} are extra {@code redis-server} options. */
    static RedisProcess start(String... args) {
        Path binary = binary();
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            RedisProcess r = new RedisProcess(binary, freePort(), List.of(args));
            try {
                r.launch();
                return r;
            } catch (IOException e) { // the port was taken between the probe and the bind
                last = e;
            }
        }
        throw new IllegalStateException("redis-server did not start", last);
    }

    int port() {
        return port;
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    String version() {
        return binary.toString();
    }

    /** Kills the server at once (SIGKILL): connections drop without a goodbye. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    /** Starts the server again on the same port. */
    void restart() throws IOException, InterruptedException {
        kill();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                launch();
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(50); // the old socket is still closing: retry
            }
        }
    }

    private void launch() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--port", "" + port,
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no",
                "--protected-mode", "yes", "--loglevel", "notice"));
        cmd.addAll(extraArgs);
        output.clear();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> drain(p.getInputStream()), "redis-output-" + port);
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("redis-server exited: " + String.join("\n", output));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                process = p;
                return;
            } catch (IOException notYet) {
                try {
                    p.waitFor(20, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        p.destroyForcibly();
        throw new IOException("redis-server did not listen on " + port + ": "
                + String.join("\n", output));
    }

    private void drain(InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in,
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                output.add(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path binary() {
        String given = System.getProperty("switchboard.redis.server");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        // -Dswitchboard.redis.skip-path=true tests the shipped binary on a machine with Redis.
        for (String dir : Boolean.getBoolean("switchboard.redis.skip-path") ? new String[0]
                : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "redis-server");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        Path shipped = shipped();
        if (shipped != null) {
            return shipped;
        }
        String message = "no redis-server: none on the PATH and the embedded-redis test jar has "
                + "none for " + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                + "; install Redis (Debian: apt-get install redis-server) to run these tests";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message);
        }
        Assumptions.abort(message);
        return null;
    }

    /** The binary inside the embedded-redis jar for this platform, copied out once. */
    private static Path shipped() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String name;
        if (os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
            name = "redis-server-6.2.6-v5-linux-amd64";
        } else if (os.contains("linux") && arch.equals("aarch64")) {
            name = "redis-server-6.2.7-linux-arm64";
        } else if (os.contains("mac") && arch.equals("aarch64")) {
            name = "redis-server-6.2.6-v5-darwin-arm64";
        } else if (os.contains("mac")) {
            name = "redis-server-6.2.6-v5-darwin-amd64";
        } else {
            return null;
        }
        try (InputStream in = RedisProcess.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                return null;
            }
            Path dir = Path.of(System.getProperty("switchboard.redis.binary-dir",
                    System.getProperty("java.io.tmpdir") + "/switchboard-redis"));
            Files.createDirectories(dir);
            Path target = dir.resolve(name);
            if (!Files.isExecutable(target)) {
                Path tmp = Files.createTempFile(dir, name, ".part");
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                tmp.toFile().setExecutable(true);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            return target;
        } catch (IOException e) {
            throw new IllegalStateException("could not extract " + name, e);
        }
    }
}
