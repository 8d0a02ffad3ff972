package io.github.switchboard.internal.embedded;

import io.github.switchboard.internal.cdi.Frames;
import io.github.switchboard.internal.cdi.IoSlot;
import io.github.switchboard.internal.cdi.SwitchboardConnection;
import io.github.switchboard.internal.outbound.Outbound;
import jakarta.websocket.CloseReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Writer;
import org.glassfish.tyrus.spi.WriterInfo;

/**
 * The writer Tyrus gets for a Switchboard connection: Tyrus's frames join the connection's
 * outbound buffer, in order with Switchboard's, never refused by its limit; Tyrus's completion
 * handler runs once its frame has been written. A close frame seals the buffer (nothing is sent
 * after it) and tells the connection, so that sends stop and the closed event knows the code
 * without an {@code @OnClose}. Tyrus writes each control frame as one buffer.
 *
 * <p>Without a buffer ({@code switchboard.outbound=portable}) every frame goes straight to
 * Tyrus's writer until the gate has written the close frame of a refusal, and nothing after it
 * ({@link IoSlot#writeUnlessClosed}); a close frame is still reported to the connection.
 */
final class ObservingWriter extends Writer {

    private final Writer delegate;
    private final Outbound out;
    private final SwitchboardConnection connection;
    /** The gate's slot of this connection, in portable mode (nothing after its close frame). */
    private final IoSlot slot;

    /** A writer into the connection's buffer {@code out}. */
    ObservingWriter(Writer delegate, Outbound out, SwitchboardConnection connection) {
        this(delegate, out, connection, null);
    }

    /** A writer straight through to {@code delegate} (portable mode), silent after the gate's close. */
    ObservingWriter(Writer delegate, SwitchboardConnection connection, IoSlot slot) {
        this(delegate, null, connection, java.util.Objects.requireNonNull(slot, "slot"));
    }

    private ObservingWriter(Writer delegate, Outbound out, SwitchboardConnection connection,
            IoSlot slot) {
        this.delegate = delegate;
        this.out = out;
        this.connection = connection;
        this.slot = slot;
    }

    @Override
    public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> completionHandler) {
        CloseReason reason = Frames.closeReason(buffer);
        if (out == null) {
            if (reason != null) {
                connection.closeFrame(reason);
            }
            if (!slot.writeUnlessClosed(() -> delegate.write(buffer, completionHandler))
                    && completionHandler != null) {
                completionHandler.failed(new IOException("the connection is closed"));
            }
            return;
        }
        Outbound.Completion written = completionHandler == null ? null : new Outbound.Completion() {
            @Override
            public void completed() {
                completionHandler.completed(buffer);
            }

            @Override
            public void failed(Throwable cause) {
                completionHandler.failed(cause); // a blocking send must not wait forever
            }
        };
        Outbound.Offer offer;
        if (reason != null) {
            connection.closeFrame(reason);
            offer = out.offerClose(buffer, written);
        } else {
            countData(buffer); // before the offer: the write may consume the buffer
            offer = out.offerControl(buffer, written);
        }
        if (offer == Outbound.Offer.CLOSED && completionHandler != null) {
            completionHandler.failed(new IOException("the connection is closed"));
        }
    }

    @Override
    public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> completionHandler,
            WriterInfo writerInfo) {
        write(buffer, completionHandler);
    }

    /** Tyrus's own data frames (its sends, an {@code @OnMessage} return value), for the meters. */
    private void countData(ByteBuffer frame) {
        int p = frame.position();
        if (frame.remaining() < 2) {
            return;
        }
        int b0 = frame.get(p);
        int opcode = b0 & 0x0f;
        if (opcode > 2) {
            return; // a control frame
        }
        int len7 = frame.get(p + 1) & 0x7f;
        long payload = len7;
        if (len7 == 126 && frame.remaining() >= 4) {
            payload = ((frame.get(p + 2) & 0xffL) << 8) | (frame.get(p + 3) & 0xffL);
        } else if (len7 == 127 && frame.remaining() >= 10) {
            payload = 0;
            for (int k = 2; k < 10; k++) {
                payload = (payload << 8) | (frame.get(p + k) & 0xffL);
            }
        }
        connection.sentByContainer((b0 & 0x80) != 0, payload);
    }

    /**
     * Tyrus closes the transport after its close frame: first write what is queued, but never
     * wait for longer than {@link #CLOSE_GRACE_SECONDS}: a client that stopped reading would
     * otherwise keep its socket and buffer forever after its connection was finished.
     */
    @Override
    public void close() {
        if (out == null) {
            try {
                delegate.close(); // Grizzly's queue writes what it holds before closing
            } catch (IOException e) {
                // the connection is going away either way
            }
            return;
        }
        closeAfterFlush(out, () -> {
            try {
                delegate.close();
            } catch (IOException e) {
                // the connection is going away either way
            }
        });
    }

    /**
     * Runs {@code closeTransport} (idempotent) once {@code out} has written what it holds, or
     * after {@link #CLOSE_GRACE_SECONDS} with whatever is left discarded.
     */
    static void closeAfterFlush(Outbound out, Runnable closeTransport) {
        java.util.concurrent.ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
            out.close();
            closeTransport.run(); // a no-op when the flush already closed it
        }, CLOSE_GRACE_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        // Scheduled first, so that a flush that is already done finds it: once the flush has
        // closed the transport the deadline goes, and with it the only reference to the
        // connection (it held every closed connection for the whole grace: ~8 KB each).
        out.closeAfterFlush(() -> {
            closeTransport.run();
            deadline.cancel(false);
        });
    }

    /** Runs {@code action} on the deadlines thread after {@code millis}. */
    static void later(Runnable action, long millis) {
        DEADLINES.schedule(action, millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** How long a closing connection may take to write what it had queued. */
    static final int CLOSE_GRACE_SECONDS = 10;

    /**
     * One daemon thread for every server's close deadlines: they are short, and a cancelled one
     * leaves the queue at once rather than when it would have run.
     */
    private static final java.util.concurrent.ScheduledThreadPoolExecutor DEADLINES =
            deadlines();

    private static java.util.concurrent.ScheduledThreadPoolExecutor deadlines() {
        var executor = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "switchboard-close-deadlines");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
