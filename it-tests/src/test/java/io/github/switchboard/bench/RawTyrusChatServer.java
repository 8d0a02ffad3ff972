package io.github.switchboard.bench;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.glassfish.tyrus.server.Server;

/**
 * The raw Tyrus chat server of the benchmark, in its own JVM: Tyrus's own Grizzly {@link Server}
 * with {@link RawChatEndpoint}. That server maps port 0 to 8025, so a free port is picked first.
 */
public final class RawTyrusChatServer {

    private RawTyrusChatServer() {
    }

    public static void main(String[] args) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Server server = new Server("127.0.0.1", port, "/", Map.of(), RawChatEndpoint.class);
        server.start();
        try {
            ServerConsole.serve(port, RawChatEndpoint.STATS, RawChatEndpoint::send);
        } finally {
            server.stop();
        }
    }
}
