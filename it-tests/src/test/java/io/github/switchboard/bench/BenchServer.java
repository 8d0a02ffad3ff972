package io.github.switchboard.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One of the servers compared: Switchboard, raw Tyrus (each a JVM running a main class of this
 * package) or Node + ws (the {@code chat-server.js} resource, with {@code ws} installed by npm
 * into the harness's work directory). Immutable.
 */
record BenchServer(String name, Kind kind, Path nodeDir) {

    /** How the server is started. */
    enum Kind { SWITCHBOARD, RAW_TYRUS, NODE }

    static final String SWITCHBOARD = "Switchboard";
    static final String RAW = "raw Tyrus";
    static final String NODE = "Node + ws";
    /** The {@code ws} version installed for the Node server. */
    static final String WS_VERSION = "8.23.0";

    /**
     * Starts the server; {@code readyAt} connections make it send {@code ready} (0: never);
     * {@code jvmArgs} beyond the defaults apply to the JVM servers.
     */
    ServerProcess start(BenchOptions o, int readyAt, String... jvmArgs)
            throws IOException, InterruptedException {
        return switch (kind) {
            case SWITCHBOARD -> ServerProcess.start(SwitchboardChatServer.class,
                    o.serverJvmArgs(readyAt, jvmArgs));
            case RAW_TYRUS -> ServerProcess.start(RawTyrusChatServer.class,
                    o.serverJvmArgs(readyAt, jvmArgs));
            case NODE -> ServerProcess.start(
                    List.of("node", "--expose-gc", nodeDir.resolve("chat-server.js").toString()),
                    Map.of("BENCH_CLIENTS", Integer.toString(readyAt),
                            "NODE_PATH", nodeDir.resolve("node_modules").toString()),
                    "node");
        };
    }

    /** The servers of this run: the two JVM servers, and Node + ws when it can be set up. */
    static List<BenchServer> all(BenchOptions o) throws IOException, InterruptedException {
        List<BenchServer> servers = new ArrayList<>();
        if (o.servers().contains("switchboard")) {
            servers.add(new BenchServer(SWITCHBOARD, Kind.SWITCHBOARD, null));
        }
        if (o.servers().contains("raw")) {
            servers.add(new BenchServer(RAW, Kind.RAW_TYRUS, null));
        }
        if (o.node() && o.servers().contains("node")) {
            prepareNode(Path.of(o.work(), "node")).ifPresent(
                    dir -> servers.add(new BenchServer(NODE, Kind.NODE, dir)));
        }
        return servers;
    }

    /** Node's version ({@code node --version}), or empty when there is no {@code node}. */
    static Optional<String> nodeVersion() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? Optional.of(v)
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Copies the script and installs {@code ws} with npm; empty, with a message, if it can't. */
    private static Optional<Path> prepareNode(Path dir) throws IOException, InterruptedException {
        Optional<String> version = nodeVersion();
        if (version.isEmpty()) {
            System.out.println("Node + ws skipped: no 'node' on the PATH");
            return Optional.empty();
        }
        Files.createDirectories(dir);
        try (InputStream script = BenchServer.class.getResourceAsStream("/bench/chat-server.js")) {
            Files.copy(script, dir.resolve("chat-server.js"), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.exists(dir.resolve("node_modules/ws/package.json"))) {
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund",
                    "--prefix", dir.toString(), "ws@" + WS_VERSION)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("npm.log").toFile())
                    .start();
            if (!npm.waitFor(300, TimeUnit.SECONDS) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                System.out.println("Node + ws skipped: npm install ws@" + WS_VERSION
                        + " failed, see " + dir.resolve("npm.log"));
                return Optional.empty();
            }
        }
        return Optional.of(dir.toAbsolutePath());
    }
}
