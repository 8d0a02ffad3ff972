package io.github.switchboard.wildfly;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * WildFly (unpacked into {@code target/} by the build) started once per test run as a separate
 * process, with the EE test application's WAR deployed under {@code /app}, bound to 127.0.0.1.
 * Kept in the root store of JUnit and stopped when the run ends.
 *
 * <p>The WAR is copied into the server's deployment directory before the start, so the server
 * deploys it while it boots; the start is complete when the deployment scanner writes its
 * {@code .deployed} marker. All socket bindings are moved by one port offset chosen so that HTTP
 * lands on a port the OS reported free (other builds may run WildFly on this machine at once).
 *
 * <p>Test classes get the application's base URI by declaring a {@link URI} parameter.
 */
public final class WildFlyServer implements ParameterResolver {

    /** The context root the WAR is deployed under (the deployment's name). */
    static final String CONTEXT = "/app";

    /** How long the boot with the deployment may take on a loaded machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

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
            Path home = Path.of(System.getProperty("wildfly.home", "missing"));
            File war = new File(System.getProperty("switchboard.ee.war", "missing"));
            if (!Files.isDirectory(home) || !war.isFile()) {
                throw new IllegalStateException("WildFly (" + home + ") or the WAR (" + war
                        + ") is missing: run the build with mvn verify");
            }
            Path deployments = home.resolve("standalone/deployments");
            Process process = null;
            try {
                for (String marker : List.of(".deployed", ".failed", ".isdeploying", ".pending",
                        ".undeployed")) {
                    Files.deleteIfExists(deployments.resolve("app.war" + marker));
                }
                Files.copy(war.toPath(), deployments.resolve("app.war"),
                        StandardCopyOption.REPLACE_EXISTING);
                int offset = freeOffset();
                int http = 8080 + offset;
                long t0 = System.nanoTime();
                List<String> command = new ArrayList<>(List.of("/bin/sh",
                        home.resolve("bin/standalone.sh").toString(),
                        "-Djboss.bind.address=127.0.0.1",
                        "-Djboss.bind.address.management=127.0.0.1",
                        "-Djboss.socket.binding.port-offset=" + offset));
                ProcessBuilder pb = new ProcessBuilder(command)
                        .directory(home.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(home.resolve("standalone/console.log").toFile());
                pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
                pb.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
                process = pb.start();
                Path deployed = deployments.resolve("app.war.deployed");
                Path failed = deployments.resolve("app.war.failed");
                long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
                // The server is another process: its marker file is the only signal, so this
                // polls; the deadline, not the interval, decides a failure.
                while (!Files.exists(deployed)) {
                    if (Files.exists(failed)) {
                        throw new IllegalStateException("WildFly failed to deploy the WAR: "
                                + Files.readString(failed));
                    }
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("WildFly did not deploy the WAR within "
                                + START_TIMEOUT + " (see " + home.resolve("standalone/console.log")
                                + ")");
                    }
                    Thread.sleep(100);
                }
                Logger.getLogger(WildFlyServer.class.getName()).log(Level.INFO, "WildFly "
                        + System.getProperty("wildfly.version") + " started with the WAR in "
                        + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms on port "
                        + http);
                return new Running(URI.create("http://127.0.0.1:" + http + CONTEXT), process);
            } catch (Exception e) {
                if (process != null) {
                    stop(process);
                }
                throw new IllegalStateException("starting WildFly failed", e);
            }
        }

        /**
         * A port offset that puts HTTP (8080), HTTPS (8443), management (9990, 9993) and the
         * transaction ports (4712, 4713) on ports that were free a moment ago.
         */
        private static int freeOffset() throws IOException {
            for (int attempt = 0; attempt < 50; attempt++) {
                int offset = ThreadLocalRandom.current().nextInt(2_000, 40_000);
                if (List.of(8080, 8443, 9990, 9993, 4712, 4713).stream()
                        .allMatch(p -> free(p + offset))) {
                    return offset;
                }
            }
            throw new IOException("no free port offset found");
        }

        private static boolean free(int port) {
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        private static void stop(Process process) {
            // The launcher script runs the server as its child: stop the whole tree.
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
