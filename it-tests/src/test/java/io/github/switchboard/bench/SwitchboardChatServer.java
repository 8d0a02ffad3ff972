package io.github.switchboard.bench;

import io.github.switchboard.server.EmbeddedServer;

/**
 * The Switchboard chat server of the benchmark, in its own JVM: embedded server on an ephemeral
 * loopback port, the endpoint and guard as CDI beans. The harness raises
 * {@code switchboard.max-messages-per-second} and {@code switchboard.backpressure-limit}.
 */
public final class SwitchboardChatServer {

    private SwitchboardChatServer() {
    }

    public static void main(String[] args) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.builder()
                .host("127.0.0.1")
                .port(0)
                .endpoints(SwitchboardChatEndpoint.class)
                .beanClasses(ChatNameGuard.class)
                .start()) {
            ServerConsole.serve(server.port(), SwitchboardChatEndpoint.STATS,
                    text -> SwitchboardChatEndpoint.shared.publish(
                            SwitchboardChatEndpoint.ROOM, text));
        }
    }
}
