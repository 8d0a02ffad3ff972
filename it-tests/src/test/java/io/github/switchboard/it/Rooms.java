package io.github.switchboard.it;

import io.github.switchboard.Connection;
import io.github.switchboard.PublishResult;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The endpoint of {@link TopicsTest}: a command per text message, the answer as a text message.
 * {@code sub t}, {@code unsub t}, {@code is t}, {@code subs}, {@code pub t text},
 * {@code pubbin t n} (n bytes 0, 1, 2, ...), {@code count t}, {@code id}. At close it publishes
 * {@code bye} to its farewell topic and records what {@code subscriptions()} said then.
 */
@Dependent
@ServerEndpoint(value = "/rooms/{farewell}", configurator = SwitchboardConfigurator.class,
        encoders = {Rooms.PointText.class, Rooms.BlobBinary.class})
public class Rooms {

    /** Encoded as text by {@link PointText}. */
    public record Point(int x, int y) {
    }

    /** Encoded as binary by {@link BlobBinary}. */
    public record Blob(byte[] bytes) {
    }

    /** A JSR text encoder. */
    public static class PointText implements jakarta.websocket.Encoder.Text<Point> {
        @Override
        public String encode(Point p) {
            return "point(" + p.x() + "," + p.y() + ")";
        }
    }

    /** A JSR binary encoder. */
    public static class BlobBinary implements jakarta.websocket.Encoder.Binary<Blob> {
        @Override
        public ByteBuffer encode(Blob b) {
            return ByteBuffer.wrap(b.bytes());
        }
    }

    static final Queue<String> AT_CLOSE = new ConcurrentLinkedQueue<>();

    @Inject
    Connection connection;
    @Inject
    io.github.switchboard.Topics topics;
    @Inject
    @io.github.switchboard.PathValue("farewell")
    String farewell;

    @OnOpen
    public void open() {
        connection.send("hello " + connection.id());
    }

    @OnMessage(maxMessageSize = 1 << 20)
    public String command(String line) {
        String[] p = line.split(" ", 3);
        return switch (p[0]) {
            case "sub" -> "sub " + p[1] + " " + connection.subscribe(p[1]);
            case "unsub" -> "unsub " + p[1] + " " + connection.unsubscribe(p[1]);
            case "is" -> "is " + p[1] + " " + connection.isSubscribed(p[1]);
            case "subs" -> "subs " + new TreeSet<>(connection.subscriptions());
            case "obj" -> "obj " + connection.sendObject(new Point(Integer.parseInt(p[1]),
                    Integer.parseInt(p[2]))).status();
            case "blob" -> "blob " + connection.sendObject(new Blob(p[1].getBytes(
                    java.nio.charset.StandardCharsets.UTF_8))).status();
            case "pubobj" -> "pubobj " + describe(connection.publishObject(p[1], new Point(7,
                    Integer.parseInt(p[2]))));
            case "objbad" -> {
                try {
                    connection.sendObject(new Object());
                    yield "objbad sent";
                } catch (IllegalArgumentException e) {
                    yield "objbad " + e.getMessage().substring(0, 8);
                }
            }
            case "count" -> "count " + p[1] + " " + topics.subscriberCount(p[1]);
            case "pub" -> "pub " + describe(connection.publish(p[1], p[2]));
            case "pubbin" -> {
                byte[] bytes = new byte[Integer.parseInt(p[2])];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) i;
                }
                yield "pubbin " + describe(connection.publish(p[1], ByteBuffer.wrap(bytes)));
            }
            default -> "unknown " + line;
        };
    }

    static String describe(PublishResult r) {
        return r.recipients() + "/" + r.accepted() + (r.denied() ? " denied" : "");
    }

    @OnClose
    public void close() {
        AT_CLOSE.add(connection.id() + " " + connection.subscriptions() + " "
                + connection.isSubscribed(farewell) + " " + connection.subscribe(farewell));
        connection.publish(farewell, "bye " + connection.id());
    }
}
