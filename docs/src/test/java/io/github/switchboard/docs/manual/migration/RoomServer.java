package io.github.switchboard.docs.manual.migration;

import io.github.switchboard.server.EmbeddedServer;

/** The rooms on the embedded server, without an application server. */
public final class RoomServer {

    private RoomServer() {
    }

    /** Starts the server on {@code port} (0: a free one). */
    static EmbeddedServer start(int port) {
        return EmbeddedServer.builder()
                .host("127.0.0.1")                     // the default: loopback only
                .port(port)
                .endpoints(StepOneRoom.class, Room.class)
                .beanClasses(NameGuard.class)          // explicit beans: no class-path scan
                .start();
    }

    /** Runs until the JVM is stopped; Ctrl-C closes every connection with 1001. */
    public static void main(String[] args) {
        EmbeddedServer server = start(8080);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("rooms on " + server.uri("/rooms/{room}?name={name}"));
    }
}
