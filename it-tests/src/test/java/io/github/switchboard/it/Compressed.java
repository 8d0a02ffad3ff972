package io.github.switchboard.it;

import io.github.switchboard.Connection;
import io.github.switchboard.ConnectionClosed;
import io.github.switchboard.WebSocketOptions;
import io.github.switchboard.WebSocketOptions.Toggle;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Endpoints of {@link DeflateTest}: the same commands with and without compression. */
final class Compressed {

    /** Messages that reached any endpoint here. */
    static final AtomicInteger RECEIVED = new AtomicInteger();
    /** "id code" of every finished connection, as the closed event reports them. */
    static final BlockingQueue<String> CLOSES = new LinkedBlockingQueue<>();

    private Compressed() {
    }

    @ApplicationScoped
    static class Closes {
        void closed(@Observes ConnectionClosed e) {
            CLOSES.add(e.connection().id() + " " + e.reason().getCloseCode().getCode());
        }
    }

    /**
     * Commands: {@code sub T}, {@code pub T text}, {@code basic:text} (sent through the
     * container); anything else is echoed. Tyrus reads only the endpoint class's own annotated
     * methods, so each endpoint declares them and calls these.
     */
    static void text(Connection connection, String line, Session session) throws IOException {
        RECEIVED.incrementAndGet();
        if (line.startsWith("sub ")) {
            connection.send("sub " + connection.subscribe(line.substring(4)));
        } else if (line.startsWith("pub ")) {
            String[] p = line.split(" ", 3);
            connection.publish(p[1], p[2]);
        } else if (line.startsWith("basic:")) {
            session.getBasicRemote().sendText(line.substring(6));
        } else {
            connection.send(line);
        }
    }

    static void binary(Connection connection, ByteBuffer data) {
        RECEIVED.incrementAndGet();
        connection.send(data);
    }

    /** Compression on, messages up to 256 KiB (inflated). */
    @Dependent
    @WebSocketOptions(perMessageDeflate = Toggle.ON, maxPayloadLength = 256 * 1024)
    @ServerEndpoint(value = "/deflate/on", configurator = SwitchboardConfigurator.class)
    public static class On {
        @Inject
        Connection connection;

        @OnOpen
        public void open() {
            connection.send("hello " + connection.id());
        }

        @OnMessage
        public void text(String line, Session session) throws IOException {
            Compressed.text(connection, line, session);
        }

        @OnMessage
        public void binary(ByteBuffer data) {
            Compressed.binary(connection, data);
        }
    }

    /** Compression left at its default: off. */
    @Dependent
    @ServerEndpoint(value = "/deflate/off", configurator = SwitchboardConfigurator.class)
    public static class Off {
        @Inject
        Connection connection;

        @OnOpen
        public void open() {
            connection.send("hello " + connection.id());
        }

        @OnMessage
        public void text(String line, Session session) throws IOException {
            Compressed.text(connection, line, session);
        }

        @OnMessage
        public void binary(ByteBuffer data) {
            Compressed.binary(connection, data);
        }
    }
}
