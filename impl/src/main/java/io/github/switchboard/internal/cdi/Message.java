package io.github.switchboard.internal.cdi;

import io.github.switchboard.internal.Deflation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One outgoing message, encoded and framed once: a publish hands the same instance, and so the
 * same frame bytes, to every subscriber; its compressed frame, for connections that negotiated
 * permessage-deflate, is made once too, by the first such connection. The buffers are never
 * modified (read through duplicates). Thread-safe.
 */
public final class Message {

    private final String text;
    private final ByteBuffer binary;
    private final ByteBuffer frame;
    private final int bytes;
    /** The frame for deflate connections, once made: {@link #frame} when compression gains nothing. */
    private volatile ByteBuffer deflated;

    // Package-private: BusLink builds a message from a bus envelope without copying it again.
    Message(String text, ByteBuffer binary, ByteBuffer frame, int bytes) {
        this.text = text;
        this.binary = binary;
        this.frame = frame;
        this.bytes = bytes;
    }

    /** A text message. */
    public static Message text(String text) {
        ByteBuffer payload = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        return new Message(text, payload, Frames.text(payload), payload.remaining());
    }

    /** A binary message of the remaining bytes of {@code data} (copied: the caller may reuse it). */
    public static Message binary(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data.duplicate()).flip();
        return new Message(null, copy, Frames.binary(copy), copy.remaining());
    }

    /** The text, or null for a binary message. */
    public String text() {
        return text;
    }

    /** The payload of a binary message, or the UTF-8 of a text one. */
    public ByteBuffer binary() {
        return binary;
    }

    /** The whole server-to-client frame. */
    public ByteBuffer frame() {
        return frame;
    }

    /** The payload length (uncompressed). */
    public int bytes() {
        return bytes;
    }

    /**
     * The frame for a connection that negotiated permessage-deflate: compressed (RSV1 set) when
     * that makes it smaller, else {@link #frame()}. Compressed at most a few times however many
     * connections ask (two threads asking at once may both compress; both get equal bytes).
     */
    public ByteBuffer deflatedFrame() {
        ByteBuffer f = deflated;
        if (f == null) {
            byte[] compressed = Deflation.deflate(binary);
            f = compressed == null ? frame : Frames.deflated(text != null, compressed);
            deflated = f;
        }
        return f;
    }
}
