package io.github.switchboard.demo;

import io.github.switchboard.server.EmbeddedServer;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the chat demo on the embedded server: {@code --host=127.0.0.1 --port=8080} by default.
 * Open the printed URL in two browser tabs.
 */
public final class ChatDemo {

    private ChatDemo() {
    }

    /** The demo server: the chat endpoint, its guard and the page, on {@code host:port}. */
    public static EmbeddedServer start(String host, int port) {
        return EmbeddedServer.builder()
                .host(host)
                .port(port)
                .endpoints(ChatEndpoint.class)
                .beanClasses(ChatGuard.class, ChatRooms.class)
                .staticContent("/", "demo-web/")
                .start();
    }

    public static void main(String[] args) throws InterruptedException {
        String host = "127.0.0.1";
        int port = 8080;
        for (String arg : args) {
            if (arg.startsWith("--host=")) {
                host = arg.substring("--host=".length());
            } else if (arg.startsWith("--port=")) {
                port = Integer.parseInt(arg.substring("--port=".length()));
            } else {
                System.err.println("usage: ChatDemo [--host=127.0.0.1] [--port=8080]");
                System.exit(2);
            }
        }
        EmbeddedServer server;
        try {
            server = start(host, port);
        } catch (UncheckedIOException e) {
            System.err.println(e.getMessage());
            System.err.println("Choose another port, e.g. -Ddemo.port=9090");
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "switchboard-demo-shutdown"));
        String base = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port();
        System.out.println();
        System.out.println("Switchboard chat demo running: open " + base + "/ in two browser tabs.");
        System.out.println("WebSocket endpoint: " + server.uri("/chat/") + "{room}?name={you}");
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }
}
