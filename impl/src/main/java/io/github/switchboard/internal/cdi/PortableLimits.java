package io.github.switchboard.internal.cdi;

import jakarta.websocket.Session;

/**
 * The limits on what a client sends, where the embedded gate does not run (containers other
 * than the embedded server, which own the socket): the size through the standard
 * {@link Session#setMaxTextMessageBufferSize}/{@link Session#setMaxBinaryMessageBufferSize}, so
 * the container refuses a larger message with 1009 before it is delivered; the rate as a token
 * bucket holding one second's worth, taken by each delivered message (a whole message, or a
 * part for partial handlers), whose refusal closes with 1008 before the endpoint sees it; and
 * the size again before delivery (1009), since not every container refuses a single frame over
 * the session's buffer size. Unlike the gate, pings and pongs are not counted, and the size is
 * checked once the container has assembled the message (each part, for partial handlers).
 * Thread-safe.
 */
final class PortableLimits {

    /** The close reason of a client over its rate. */
    static final String TOO_MANY = "too many messages";

    /** The close reason of a client message over the size limit. */
    static final String TOO_BIG = "message too big";

    private final int rate;
    private final long maxPayload;
    private double tokens;
    private long countedAt;

    PortableLimits(int rate, long maxPayload) {
        this.rate = rate;
        this.maxPayload = maxPayload;
        this.tokens = rate;
        this.countedAt = System.nanoTime();
    }

    /**
     * Lowers the session's message buffer sizes to the endpoint's {@code maxPayloadLength}
     * (never raises them) and returns the limits to check per message, or null when neither
     * size nor rate is limited.
     */
    static PortableLimits apply(Session session, EndpointOptions options) {
        long max = options.maxPayloadLength();
        if (max < Integer.MAX_VALUE) {
            try {
                if (session.getMaxTextMessageBufferSize() > max) {
                    session.setMaxTextMessageBufferSize((int) max);
                }
                if (session.getMaxBinaryMessageBufferSize() > max) {
                    session.setMaxBinaryMessageBufferSize((int) max);
                }
            } catch (RuntimeException e) {
                // A session already closing may refuse; its connection ends anyway.
            }
        }
        return options.maxMessagesPerSecond() > 0 || max < Long.MAX_VALUE
                ? new PortableLimits(options.maxMessagesPerSecond(), max) : null;
    }

    /**
     * Whether the message among a callback's {@code parameters} (its {@code String},
     * {@code byte[]} or {@code ByteBuffer}; a decoded object is not measured) is within the
     * size limit. Containers do not all refuse a single frame over the session's buffer size
     * (Tyrus in a Servlet container does not), so it is checked again before delivery.
     */
    boolean fits(Object[] parameters) {
        if (maxPayload == Long.MAX_VALUE) {
            return true;
        }
        for (Object p : parameters) {
            if (p instanceof String text) {
                return utf8Length(text) <= maxPayload;
            }
            if (p instanceof byte[] bytes) {
                return bytes.length <= maxPayload;
            }
            if (p instanceof java.nio.ByteBuffer buffer) {
                return buffer.remaining() <= maxPayload;
            }
        }
        return true;
    }

    /** UTF-8 bytes of {@code s}, counted only as far as needed against the limit. */
    private long utf8Length(String s) {
        int n = s.length();
        if (n > maxPayload) {
            return n; // at least one byte per char
        }
        if ((long) n * 3 <= maxPayload) {
            return n; // at most three bytes per char (a surrogate pair is four for two)
        }
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    /** Takes a token for one message; false when the client is too fast. */
    synchronized boolean admit() {
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
}
