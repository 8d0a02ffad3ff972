package io.github.switchboard.internal.cdi;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One outgoing message, encoded and framed once: a publish hands the same instance, and so the
 * same frame bytes, to every subscriber. Immutable; the buffers are never modified (read through
 * duplicates).
 *
 * @param text   the text, or null for a binary message
 * @param binary the payload of a binary message (or the UTF-8 of a text one)
 * @param frame  the whole server-to-client frame
 * @param bytes  the payload length
 */
public record Message(String text, ByteBuffer binary, ByteBuffer frame, int bytes) {

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
}
