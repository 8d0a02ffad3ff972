package io.github.switchboard.redis;

import io.github.switchboard.Connection;
import io.github.switchboard.PublishResult;
import io.github.switchboard.Topics;
import java.nio.ByteBuffer;

/**
 * What the test endpoints do with a text line; the answer goes back as a text message.
 * {@code sub t}, {@code unsub t}, {@code pub t text}, {@code pubbin t} (the 256 byte values),
 * {@code burst t n tag} (n publishes {@code tag i}, one callback), {@code ccount t} (the
 * cluster-wide count, answered when known), {@code count t}.
 */
final class Commands {

    private Commands() {
    }

    static String run(Connection connection, Topics topics, String line) {
        String[] p = line.split(" ", 3);
        return switch (p[0]) {
            case "sub" -> "sub " + p[1] + " " + connection.subscribe(p[1]);
            case "unsub" -> "unsub " + p[1] + " " + connection.unsubscribe(p[1]);
            case "pub" -> "pub " + describe(connection.publish(p[1], p[2]));
            case "pubbin" -> {
                byte[] bytes = new byte[256];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) i;
                }
                yield "pubbin " + describe(connection.publish(p[1], ByteBuffer.wrap(bytes)));
            }
            case "burst" -> {
                String[] q = p[2].split(" ");
                int n = Integer.parseInt(q[0]);
                int base = Integer.parseInt(q[1]);
                for (int i = 0; i < n; i++) {
                    connection.publish(p[1], q[2] + " " + (base + i));
                }
                yield "burst done";
            }
            case "count" -> "count " + topics.subscriberCount(p[1]);
            case "ccount" -> {
                topics.clusterSubscriberCount(p[1]).whenComplete((n, e) ->
                        connection.send("ccount " + p[1] + " " + (e != null ? "failed" : n)));
                yield null;
            }
            default -> "unknown " + line;
        };
    }

    static String describe(PublishResult r) {
        return r.recipients() + "/" + r.accepted() + (r.denied() ? " denied" : "");
    }
}
