package io.github.switchboard.internal.cdi;

import jakarta.websocket.CloseReason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Server-to-client WebSocket frames (RFC 6455 §5.2: unmasked, FIN set, one frame per message),
 * built once so that the same bytes can be written as they are.
 */
public final class Frames {

    private static final int TEXT = 0x1;
    private static final int BINARY = 0x2;
    private static final int CLOSE = 0x8;

    private Frames() {
    }

    /** A text frame holding the remaining bytes of {@code utf8} (not modified). */
    public static ByteBuffer text(ByteBuffer utf8) {
        return frame(TEXT, utf8.duplicate());
    }

    /** A binary frame holding the remaining bytes of {@code payload} (not modified). */
    public static ByteBuffer binary(ByteBuffer payload) {
        return frame(BINARY, payload.duplicate());
    }

    /**
     * A permessage-deflate frame (RSV1 set) of a text ({@code text}) or binary message whose
     * compressed payload is {@code deflated}.
     */
    public static ByteBuffer deflated(boolean text, byte[] deflated) {
        return frame(0x40 | (text ? TEXT : BINARY), ByteBuffer.wrap(deflated));
    }

    private static ByteBuffer frame(int opcode, ByteBuffer payload) {
        int length = payload.remaining();
        int header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
        ByteBuffer frame = ByteBuffer.allocate(header + length);
        frame.put((byte) (0x80 | opcode)); // FIN, and RSV1 when the opcode carries it
        if (length < 126) {
            frame.put((byte) length);
        } else if (length < 65_536) {
            frame.put((byte) 126).putShort((short) length);
        } else {
            frame.put((byte) 127).putLong(length);
        }
        frame.put(payload);
        return frame.flip();
    }

    /**
     * The close code and reason of an unmasked close frame at the buffer's position, or null
     * when the buffer does not start with a whole close frame. Does not move the position.
     */
    public static CloseReason closeReason(ByteBuffer buffer) {
        int p = buffer.position();
        if (buffer.remaining() < 2 || buffer.get(p) != (byte) (0x80 | CLOSE)
                || (buffer.get(p + 1) & 0x80) != 0) {
            return null;
        }
        int length = buffer.get(p + 1) & 0x7f;
        if (length > 125 || buffer.remaining() < 2 + length) {
            return null;
        }
        if (length < 2) {
            return new CloseReason(CloseReason.CloseCodes.NO_STATUS_CODE, "");
        }
        int code = buffer.getShort(p + 2) & 0xffff;
        byte[] reason = new byte[length - 2];
        buffer.get(p + 4, reason);
        return new CloseReason(code(code), new String(reason, StandardCharsets.UTF_8));
    }

    /** The JSR close code for {@code code}, also for numbers the JSR enum does not name. */
    public static CloseReason.CloseCode code(int code) {
        try {
            return CloseReason.CloseCodes.getCloseCode(code);
        } catch (IllegalArgumentException e) {
            return () -> code;
        }
    }
}
