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
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} on a free loopback port, started and stopped by the tests: the one
 * on the PATH (Debian's package), else the binary the {@code embedded-redis} test jar ships,
 * extracted into {@code target/}. Without either the tests are skipped with a message, except
 * under {@code CI=true}, where they fail. Public, with the test-jar, so the guides' tests (module
 * {@code docs}) run their examples against the same server. Not thread-safe: one test thread
 * drives it.
 */
public final class RedisProcess implements AutoCloseable {

    private final Path binary;
    private final int port;
    private final List<String> extraArgs;
    /** Non-null: the server listens for TLS only, with these certificates. */
    private final TestCertificates tls;
    private Process process;
    private final ConcurrentLinkedQueue<String> output = new ConcurrentLinkedQueue<>();

    private RedisProcess(Path binary, int port, List<String> extraArgs, TestCertificates tls) {
        this.binary = binary;
        this.port = port;
        this.extraArgs = extraArgs;
        this.tls = tls;
    }

    /** Starts a server; {@code args} are extra {@code redis-server} options. */
    public static RedisProcess start(String... args) {
        return start(binary(), null, args);
    }

    /**
     * Starts a server that speaks TLS only ({@code --port 0 --tls-port}), with {@code certs},
     * not asking clients for certificates; ready once a TLS handshake trusting the authority of
     * {@code certs} succeeds. The {@code redis-server} of the PATH (Debian's has TLS) is preferred
     * as for {@link #start}. When the binary found cannot speak TLS, the test is skipped with a
     * message, or fails under {@code CI=true}.
     */
    public static RedisProcess startTls(TestCertificates certs, String... args) {
        Path binary = binary();
        try {
            return start(binary, certs, args);
        } catch (IllegalStateException e) {
            unavailable("no TLS-capable redis-server: " + binary + " did not accept TLS "
                    + "connections (" + e.getCause().getMessage().lines().reduce((a, b) -> b)
                    .orElse("") + "); install Debian's redis-server (apt-get install "
                    + "redis-server), which is built with TLS");
            throw e;
        }
    }

    private static RedisProcess start(Path binary, TestCertificates tls, String... args) {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            RedisProcess r = new RedisProcess(binary, freePort(), List.of(args), tls);
            try {
                r.launch();
                return r;
            } catch (IOException e) { // the port was taken between the probe and the bind
                last = e;
            }
        }
        throw new IllegalStateException("redis-server did not start", last);
    }

    /** The port it listens on (TLS only for {@link #startTls}). */
    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}, or {@code rediss://} for {@link #startTls}. */
    public String uri() {
        return (tls != null ? "rediss" : "redis") + "://127.0.0.1:" + port;
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
        List<String> cmd = new ArrayList<>(List.of(binary.toString()));
        if (tls == null) {
            cmd.addAll(List.of("--port", "" + port));
        } else {
            cmd.addAll(List.of("--port", "0", "--tls-port", "" + port,
                    "--tls-cert-file", tls.serverCert().toString(),
                    "--tls-key-file", tls.serverKey().toString(),
                    "--tls-ca-cert-file", tls.caCert().toString(),
                    "--tls-auth-clients", "no"));
        }
        cmd.addAll(List.of("--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no",
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
                if (tls != null) {
                    handshake(s); // listening is not enough: it must speak TLS
                }
                process = p;
                return;
            } catch (SSLException notTls) {
                p.destroyForcibly();
                throw new IOException("no TLS on port " + port + ": " + notTls.getMessage()
                        + "\n" + String.join("\n", output), notTls);
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

    /** A TLS handshake on {@code s}, trusting only the test authority. */
    private void handshake(Socket s) throws IOException {
        SSLSocket ssl = (SSLSocket) TestCertificates.trusting(tls.caCert()).getSocketFactory()
                .createSocket(s, "127.0.0.1", port, false);
        ssl.setSoTimeout(5000);
        ssl.startHandshake();
        ssl.close();
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
        unavailable("no redis-server: none on the PATH and the embedded-redis test jar has "
                + "none for " + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                + "; install Redis (Debian: apt-get install redis-server) to run these tests");
        return null;
    }

    /** Skips the test with {@code message}, or fails it under {@code CI=true}. */
    private static void unavailable(String message) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message);
        }
        Assumptions.abort(message);
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
