package io.github.switchboard.internal.cdi;

import io.github.switchboard.SendResult;
import jakarta.websocket.CloseReason;

/**
 * How a connection reaches its peer. The embedded server writes frames to Tyrus's writer; other
 * containers go through the JSR session. Implementations are thread-safe and never block on the
 * network.
 */
public interface Transport {

    /** Sends one message (its frame, or its text or bytes through the container). */
    SendResult send(Message message);

    /** Sends a ping (empty payload), ahead of nothing and behind what is queued. */
    void ping();

    /** Bytes accepted and not yet written (0 where the transport cannot tell). */
    long buffered();

    /**
     * Gives back the buffer memory a burst left behind if nothing was sent, queued or in flight
     * since the previous call (DESIGN.md §5 "What a burst leaves behind"): called periodically by
     * the embedded server's sweep, so a connection busy within one period keeps its buffers. Never
     * blocks on the network. The default does nothing.
     *
     * @return the bytes released, roughly (0 when busy or nothing was large)
     */
    default long trim() {
        return 0;
    }

    /**
     * The bytes of buffer the transport holds for this connection now, in use or kept for reuse
     * (0 where the transport cannot tell): for tests and diagnostics.
     */
    default long retainedBytes() {
        return 0;
    }

    /** Starts the close handshake; may complete it later, once the transport is fully attached. */
    void close(CloseReason reason);

    /**
     * Takes nothing more, and runs {@code then} once what it holds has been handed to the network
     * (at once when nothing is): the embedded gate puts the close frame of a refused connection
     * behind the answers already queued this way. The caller bounds the wait.
     */
    void afterFlush(Runnable then);
}
