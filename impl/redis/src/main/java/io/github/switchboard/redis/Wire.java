package io.github.switchboard.redis;

import io.github.switchboard.TopicBus;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes one Redis pub/sub message carries. Every message starts with a version byte and a
 * kind; the topic is the channel's name, never repeated inside. Stateless.
 * <pre>
 * text, binary:  1 kind(1|2) len(1) originNode len(1) originConnection(0: none) payload...
 * count query:   1 kind(3)   len(1) askingNode requestId(8)
 * count answer:  1 kind(4)   requestId(8) count(8)
 * </pre>
 * Ids are ASCII of at most 255 bytes. Anything else is malformed ({@link IllegalArgumentException}).
 */
final class Wire {

    static final byte VERSION = 1;
    static final byte TEXT = 1;
    static final byte BINARY = 2;
    static final byte QUERY = 3;
    static final byte ANSWER = 4;

    private Wire() {
    }

    static byte[] message(TopicBus.Envelope e) {
        byte[] node = ascii(e.originNode());
        byte[] conn = e.originConnection() == null ? new byte[0] : ascii(e.originConnection());
        ByteBuffer payload = e.payload().duplicate();
        ByteBuffer out = ByteBuffer.allocate(4 + node.length + conn.length + payload.remaining());
        out.put(VERSION).put(e.binary() ? BINARY : TEXT)
                .put((byte) node.length).put(node)
                .put((byte) conn.length).put(conn)
                .put(payload);
        return out.array();
    }

    static byte[] query(String askingNode, long requestId) {
        byte[] node = ascii(askingNode);
        return ByteBuffer.allocate(3 + node.length + 8).put(VERSION).put(QUERY)
                .put((byte) node.length).put(node).putLong(requestId).array();
    }

    static byte[] answer(long requestId, long count) {
        return ByteBuffer.allocate(18).put(VERSION).put(ANSWER).putLong(requestId)
                .putLong(count).array();
    }

    /** The kind of a message, after checking its version. */
    static byte kind(byte[] wire) {
        if (wire.length < 2 || wire[0] != VERSION || wire[1] < TEXT || wire[1] > ANSWER) {
            throw new IllegalArgumentException("not a Switchboard bus message");
        }
        return wire[1];
    }

    /** The origin node of a text or binary message, or the asking node of a query. */
    static String origin(byte[] wire) {
        try {
            return readId(ByteBuffer.wrap(wire, 2, wire.length - 2));
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("a truncated bus message");
        }
    }

    static TopicBus.Envelope envelope(String topic, byte[] wire) {
        try {
            ByteBuffer in = ByteBuffer.wrap(wire);
            in.position(1);
            boolean binary = in.get() == BINARY;
            String node = readId(in);
            String conn = readId(in);
            return new TopicBus.Envelope(topic, node, conn.isEmpty() ? null : conn, binary,
                    in.slice());
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("a truncated bus message");
        }
    }

    /** A count query: who asks, and the request id to answer with. */
    record Query(String node, long id) {
    }

    /** An answer to a count query. */
    record Answer(long id, long count) {
    }

    static Query query(byte[] wire) {
        try {
            ByteBuffer in = ByteBuffer.wrap(wire);
            in.position(2);
            String node = readId(in);
            long id = in.getLong();
            return new Query(node, id);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("a truncated count query");
        }
    }

    static Answer answer(byte[] wire) {
        if (wire.length != 18) {
            throw new IllegalArgumentException("a count answer of " + wire.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(wire, 2, 16);
        return new Answer(in.getLong(), in.getLong());
    }

    private static String readId(ByteBuffer in) {
        int length = in.get() & 0xff;
        byte[] b = new byte[length];
        in.get(b);
        for (byte c : b) {
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("an id that is not printable ASCII");
            }
        }
        return new String(b, StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(String id) {
        byte[] b = id.getBytes(StandardCharsets.US_ASCII);
        if (b.length > 255) {
            throw new IllegalArgumentException("an id longer than 255 bytes");
        }
        return b;
    }
}
