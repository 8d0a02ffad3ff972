package io.github.switchboard.liberty;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Open Liberty (unpacked into {@code target/wlp} by the build) started once per test run as a
 * separate process ({@code bin/server run}), with the EE test application's WAR deployed under
 * {@code /app}, bound to 127.0.0.1. Kept in the root store of JUnit and stopped when the run
 * ends.
 *
 * <p>The server directory is written before the start: {@code src/test/liberty/server.xml}, a
 * {@code bootstrap.properties} holding the HTTP port (one the OS reported free), and the WAR in
 * {@code apps/}. The start is complete when the server's log reports the application started
 * and the server ready; a failure message there ends the wait at once.
 *
 * <p>Test classes get the application's base URI by declaring a {@link URI} parameter.
 */
public final class LibertyServer implements ParameterResolver {

    /** The context root the WAR is deployed under (server.xml). */
    static final String CONTEXT = "/app";

    /** The server's name: its directory under {@code usr/servers}. */
    private static final String SERVER = "switchboard";

    /** How long the boot with the deployment may take on a loaded machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    /** Application started (CWWKZ0001I), server ready (CWWKF0011I). */
    private static final List<String> READY = List.of("CWWKZ0001I", "CWWKF0011I");

    /**
     * Application failed to start (CWWKZ0002E), failed to install (CWWKZ0004E), a feature
     * that cannot be resolved (CWWKF0001E, CWWKF0042E), the port in use (CWWKO0221E).
     */
    private static final List<String> FAILED = List.of("CWWKZ0002E", "CWWKZ0004E", "CWWKF0001E",
            "CWWKF0042E", "CWWKO0221E");

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == URI.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return e.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, k -> Running.start(), Running.class).base;
    }

    /** The started server; closing it stops the process. */
    static final class Running implements AutoCloseable {
        final URI base;
        private final Process process;

        private Running(URI base, Process process) {
            this.base = base;
            this.process = process;
        }

        static Running start() {
            Path home = Path.of(System.getProperty("liberty.home", "missing"));
            File war = new File(System.getProperty("switchboard.ee.war", "missing"));
            Path serverXml = Path.of(System.getProperty("liberty.serverXml", "missing"));
            if (!Files.isRegularFile(home.resolve("bin/server")) || !war.isFile()
                    || !Files.isRegularFile(serverXml)) {
                throw new IllegalStateException("Open Liberty (" + home + "), the WAR (" + war
                        + ") or server.xml (" + serverXml + ") is missing: run the build with "
                        + "mvn -Pliberty verify");
            }
            Path dir = home.resolve("usr/servers/" + SERVER);
            Path log = dir.resolve("logs/messages.log");
            Process process = null;
            try {
                Files.createDirectories(dir.resolve("apps"));
                Files.deleteIfExists(log);
                Files.copy(serverXml, dir.resolve("server.xml"), StandardCopyOption.REPLACE_EXISTING);
                Files.copy(war.toPath(), dir.resolve("apps/app.war"),
                        StandardCopyOption.REPLACE_EXISTING);
                int http = freePort();
                Files.writeString(dir.resolve("bootstrap.properties"),
                        "switchboard.http.port=" + http + "\n");
                long t0 = System.nanoTime();
                ProcessBuilder pb = new ProcessBuilder("/bin/sh",
                        home.resolve("bin/server").toString(), "run", SERVER, "--clean")
                        .directory(home.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("console.log").toFile());
                pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
                process = pb.start();
                long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
                // The server is another process: its log is the only signal, so this polls;
                // the deadline, not the interval, decides a failure.
                while (true) {
                    String text = Files.exists(log) ? Files.readString(log) : "";
                    for (String id : FAILED) {
                        if (text.contains(id)) {
                            throw new IllegalStateException("Open Liberty reported " + id
                                    + " (see " + log + "):\n" + text);
                        }
                    }
                    if (READY.stream().allMatch(text::contains)) {
                        break;
                    }
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("Open Liberty did not start the WAR "
                                + "within " + START_TIMEOUT + " (see " + log + " and "
                                + dir.resolve("console.log") + ")");
                    }
                    Thread.sleep(100);
                }
                Logger.getLogger(LibertyServer.class.getName()).log(Level.INFO, "Open Liberty "
                        + System.getProperty("liberty.version") + " started with the WAR in "
                        + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms on port "
                        + http);
                return new Running(URI.create("http://127.0.0.1:" + http + CONTEXT), process);
            } catch (Exception e) {
                if (process != null) {
                    stop(process);
                }
                throw new IllegalStateException("starting Open Liberty failed", e);
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            }
        }

        private static void stop(Process process) {
            // The launcher script runs the server's JVM as its child: stop the whole tree
            // (SIGTERM: Liberty's shutdown hook stops the server and its applications).
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            stop(process);
        }
    }
}
