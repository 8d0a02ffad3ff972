package io.github.switchboard.internal.embedded;

import org.glassfish.grizzly.Buffer;

/**
 * Follows the frame boundaries of a client's byte stream below Tyrus and reports the first
 * frame that breaks a rule Tyrus does not enforce (DESIGN.md §4):
 * <ul>
 *   <li>RFC 6455 §5.1: every client frame is masked; Tyrus never checks the mask bit;</li>
 *   <li>a message (one frame, or a first frame and its continuations) is at most
 *       {@code maxMessageSize} payload bytes; Tyrus would close an oversized frame with 1011
 *       instead of 1009 and assembles fragmented messages before it checks their size.</li>
 * </ul>
 * Only frame headers are read, by absolute index, so Tyrus's read position is untouched;
 * payloads are skipped by length. One instance per connection, used by one reading thread at a
 * time (Grizzly delivers a connection's reads in order).
 */
final class FrameScanner {

    /** What the scan found. */
    enum Verdict {
        OK(0), UNMASKED(1002), TOO_BIG(1009), TOO_FAST(1008);

        /** The close code a server sends for it. */
        final int closeCode;

        Verdict(int closeCode) {
            this.closeCode = closeCode;
        }
    }

    private final long maxMessageSize;
    /** Bytes of the current frame's mask key and payload still to skip. */
    private long skip;
    /** The header of the frame being read, when it spans reads. */
    private final byte[] header = new byte[10];
    private int headerLength;
    /** Payload bytes of the data message being received so far (across its fragments). */
    private long messageSize;

    /** Pong frames seen since {@link #takePongs} last ran. */
    private int pongs;

    /** The pongs seen since the last call, and resets the count. */
    int takePongs() {
        int n = pongs;
        pongs = 0;
        return n;
    }

    /** Complete data messages, and their payload bytes, since {@link #takeMessages} last ran. */
    private int messages;
    private long messageBytes;

    /** The complete data messages seen since the last call (for the meters), and resets. */
    int takeMessages() {
        int n = messages;
        messages = 0;
        return n;
    }

    /** The payload bytes of data frames seen since the last call, and resets. */
    long takeMessageBytes() {
        long n = messageBytes;
        messageBytes = 0;
        return n;
    }

    /** Messages per second (the bucket's size and refill rate); 0: unlimited. */
    private final int rate;
    /** Tokens left, and when they were last counted. */
    private double tokens;
    private long countedAt;

    FrameScanner(long maxMessageSize) {
        this(maxMessageSize, 0);
    }

    FrameScanner(long maxMessageSize, int messagesPerSecond) {
        this.maxMessageSize = maxMessageSize;
        this.rate = messagesPerSecond;
        this.tokens = messagesPerSecond;
        this.countedAt = System.nanoTime();
    }

    /** Takes a token for one complete message; false when the client is too fast. */
    private boolean admit() {
        if (rate <= 0) {
            return true;
        }
        long now = System.nanoTime();
        tokens = Math.min(rate, tokens + (now - countedAt) * (rate / 1e9));
        countedAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /**
     * Where, in the buffer last scanned, the frame that broke a rule begins (its first header
     * byte, or the buffer's position when its header began in an earlier read): the bytes before
     * it are whole frames that broke none.
     */
    int violationStart() {
        return frameStart;
    }

    private int frameStart;

    /** Scans {@code buffer} from its position to its limit. */
    Verdict scan(Buffer buffer) {
        int i = buffer.position();
        int limit = buffer.limit();
        frameStart = i;
        while (i < limit) {
            if (skip > 0) {
                long n = Math.min(skip, limit - i);
                skip -= n;
                i += (int) n;
                continue;
            }
            if (headerLength == 0) {
                frameStart = i;
            }
            header[headerLength++] = buffer.get(i++);
            if (headerLength < 2) {
                continue;
            }
            if ((header[1] & 0x80) == 0) {
                return Verdict.UNMASKED;
            }
            int len7 = header[1] & 0x7f;
            int needed = len7 == 126 ? 4 : len7 == 127 ? 10 : 2;
            if (headerLength < needed) {
                continue;
            }
            long payload;
            if (len7 == 126) {
                payload = ((header[2] & 0xffL) << 8) | (header[3] & 0xffL);
            } else if (len7 == 127) {
                payload = 0;
                for (int k = 2; k < 10; k++) {
                    payload = (payload << 8) | (header[k] & 0xffL);
                }
                if (payload < 0) { // the most significant bit must be 0 (RFC 6455 §5.2)
                    return Verdict.TOO_BIG;
                }
            } else {
                payload = len7;
            }
            int opcode = header[0] & 0x0f;
            boolean fin = (header[0] & 0x80) != 0;
            if (opcode == 0xA) {
                pongs++;
            }
            // Pings and pongs count like messages, so that a flood of them (each answered or
            // queued) is limited too; a small non-final fragment counts like one as well.
            if ((opcode == 0x9 || opcode == 0xA || (opcode < 8 && !fin && payload < 1024))
                    && !admit()) {
                return Verdict.TOO_FAST;
            }
            if (opcode < 8) { // a data frame (control frames are at most 125 bytes, Tyrus checks)
                messageSize = (opcode == 0 ? messageSize : 0) + payload;
                messageBytes += payload;
                if (messageSize > maxMessageSize) {
                    return Verdict.TOO_BIG;
                }
                if (fin) {
                    messageSize = 0;
                    messages++;
                    if (!admit()) {
                        return Verdict.TOO_FAST;
                    }
                }
            }
            skip = payload + 4; // the 4-byte masking key, then the payload
            headerLength = 0;
        }
        return Verdict.OK;
    }
}
