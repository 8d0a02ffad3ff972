package io.github.switchboard.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The compression of permessage-deflate (RFC 7692 §7.2), without any container: outgoing
 * messages are compressed one at a time with no context kept between them (the server always
 * negotiates {@code server_no_context_takeover}, so one compressed frame is valid for every
 * connection), and each connection's incoming messages are inflated by an {@link Inflating}
 * that refuses to produce more than the message size limit.
 */
public final class Deflation {

    /** Messages shorter than this are sent as they are: their frames would hardly shrink. */
    public static final int MIN_SIZE = 64;

    /** The code of {@link Refused} after {@link Inflating#close}: the connection is going away. */
    public static final int CLOSING = 1001;

    /** The four bytes a sync flush ends with; removed by the sender, added back to inflate. */
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    /**
     * One deflater per thread that compresses: its native state costs about 270 KiB, so one per
     * connection would cost more than the connection. Level 1: compression runs on the
     * publishing thread, and a chat message gains little from more effort.
     */
    private static final ThreadLocal<Deflater> DEFLATERS =
            ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_SPEED, true));

    private Deflation() {
    }

    /**
     * The compressed form of the remaining bytes of {@code payload} (not moved), ready to be a
     * message's payload with RSV1 set, or null when the message is shorter than
     * {@link #MIN_SIZE} or would not shrink. Any thread.
     */
    public static byte[] deflate(ByteBuffer payload) {
        int size = payload.remaining();
        if (size < MIN_SIZE) {
            return null;
        }
        Deflater deflater = DEFLATERS.get();
        deflater.reset();
        deflater.setInput(payload.duplicate());
        // Room for the message itself: output that fills it is no gain, so stop there.
        byte[] out = new byte[size + TAIL.length];
        int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        deflater.reset(); // keep no reference to the caller's buffer
        if (n == out.length || n < TAIL.length) {
            return null;
        }
        n -= TAIL.length; // a sync flush always ends with the empty stored block 00 00 ff ff
        return n < size ? Arrays.copyOf(out, n) : null;
    }

    /**
     * Why a compressed message was refused: the close code the connection gets (1009: it
     * inflates past the limit; 1007: it is not valid DEFLATE data).
     */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        /** The close code. */
        public final int closeCode;

        Refused(int closeCode, String message) {
            super(message, null, false, false);
            this.closeCode = closeCode;
        }
    }

    /**
     * Inflates the compressed messages of one connection, frame by frame, never producing more
     * than {@code limit} bytes for one message: a few kilobytes that expand to gigabytes are
     * refused at the limit, not after. Keeps the LZ77 window between messages unless the client
     * agreed to {@code client_no_context_takeover}. One per connection; its reads are serial,
     * {@link #close} may come from another thread.
     */
    public static final class Inflating {

        private final long limit;
        private final boolean resetEachMessage;
        private Inflater inflater; // guarded by this; created on the first compressed message
        private boolean closed; // guarded by this
        /** Bytes the current message has inflated to so far. */
        private long messageSize;
        /** The current message's DEFLATE stream has ended (a block with BFINAL set). */
        private boolean streamEnded;

        /**
         * @param limit            the most bytes one message may inflate to
         * @param resetEachMessage true when the client compresses each message on its own
         */
        public Inflating(long limit, boolean resetEachMessage) {
            this.limit = limit;
            this.resetEachMessage = resetEachMessage;
        }

        /**
         * Inflates the payload of one frame of a compressed message; {@code fin} marks its last
         * frame. Returns the bytes it stands for (possibly none).
         *
         * @throws Refused past the limit (1009), on invalid data (1007), or after {@link #close}
         */
        public synchronized byte[] inflate(byte[] compressed, boolean fin) throws Refused {
            if (closed) {
                throw new Refused(CLOSING, "the connection is closing");
            }
            if (inflater == null) {
                inflater = new Inflater(true);
            }
            out = new byte[(int) Math.min(limit - messageSize + 1,
                    Math.max(256, compressed.length * 4L))];
            length = 0;
            try {
                if (compressed.length > 0) {
                    if (streamEnded) {
                        throw new Refused(1007, "data after the end of the DEFLATE stream");
                    }
                    inflater.setInput(compressed);
                    drain(false);
                }
                if (fin) {
                    if (!streamEnded) {
                        inflater.setInput(TAIL);
                        drain(true);
                    }
                    messageSize = 0;
                    if (resetEachMessage || streamEnded) {
                        inflater.reset();
                    }
                    streamEnded = false;
                }
            } catch (DataFormatException e) {
                throw new Refused(1007, "invalid DEFLATE data: " + e.getMessage());
            }
            byte[] result = length == out.length ? out : Arrays.copyOf(out, length);
            out = null;
            return result;
        }

        /** The output of the frame being inflated, and how much of it is filled. */
        private byte[] out;
        private int length;

        /** Inflates all input given to the inflater into {@link #out}, growing it to the limit. */
        private void drain(boolean tail) throws DataFormatException, Refused {
            while (true) {
                if (length == out.length) {
                    // One byte past the limit is room enough to tell that the limit is crossed.
                    long wanted = Math.min(length + (limit - messageSize) + 1,
                            Math.max(out.length * 2L, 256));
                    if (wanted <= out.length || wanted > Integer.MAX_VALUE - 8) {
                        throw tooBig();
                    }
                    out = Arrays.copyOf(out, (int) wanted);
                }
                int k = inflater.inflate(out, length, out.length - length);
                length += k;
                messageSize += k;
                if (messageSize > limit) {
                    throw tooBig();
                }
                if (inflater.finished()) {
                    // A block with BFINAL set ends the stream; only our own tail may follow it.
                    streamEnded = true;
                    if (!tail && inflater.getRemaining() > 0) {
                        throw new Refused(1007, "data after the end of the DEFLATE stream");
                    }
                    return;
                }
                if (inflater.needsDictionary()) {
                    throw new Refused(1007, "a DEFLATE dictionary was asked for");
                }
                if (k == 0 && length < out.length) {
                    return; // all input consumed (needsInput): nothing more comes out of it
                }
            }
        }

        private Refused tooBig() {
            return new Refused(1009, "a compressed message inflates past " + limit + " bytes");
        }

        /** Frees the native state; later calls to {@link #inflate} are refused. Idempotent. */
        public synchronized void close() {
            closed = true;
            if (inflater != null) {
                inflater.end();
                inflater = null;
            }
        }
    }
}
