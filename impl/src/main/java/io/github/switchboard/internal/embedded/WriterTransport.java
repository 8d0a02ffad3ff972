package io.github.switchboard.internal.embedded;

import io.github.switchboard.SendResult;
import io.github.switchboard.internal.cdi.Message;
import io.github.switchboard.internal.cdi.Transport;
import io.github.switchboard.internal.outbound.Outbound;
import jakarta.websocket.CloseReason;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Connection;
import org.glassfish.tyrus.spi.Writer;

/**
 * The embedded transport. Every byte of the connection, Switchboard's frames and Tyrus's own
 * (its sends, pongs, the close frame), goes through one {@link Outbound} buffer in front of
 * Tyrus's writer (Grizzly's asynchronous write queue), so order holds, a slow reader costs only
 * its own bounded buffer, and queued frames leave in one write. Closes go through Tyrus's
 * connection so that its close handshake and {@code @OnClose} run as usual; the writer exists
 * before {@code @OnOpen} runs, Tyrus's connection only after, so a close asked for in between
 * waits for it. Thread-safe.
 */
final class WriterTransport implements Transport {

    private final Outbound out;
    private Connection connection; // guarded by this
    private CloseReason pendingClose; // guarded by this

    /** The connection negotiated permessage-deflate: messages go as their deflated frames. */
    private final boolean deflate;

    WriterTransport(Writer writer, long limit, Outbound.Listener listener, boolean deflate) {
        this.deflate = deflate;
        this.out = new Outbound((batch, done) -> writer.write(batch,
                new CompletionHandler<ByteBuffer>() {
                    @Override
                    public void completed(ByteBuffer result) {
                        done.completed();
                    }

                    @Override
                    public void failed(Throwable throwable) {
                        done.failed(throwable);
                    }

                    @Override
                    public void cancelled() {
                        done.failed(new CancellationException("write cancelled"));
                    }
                }), limit, listener, io.github.switchboard.internal.outbound.Flusher.INSTANCE);
    }

    /** Tyrus's connection is ready: a close asked for before now is started. */
    void attach(Connection c) {
        CloseReason pending;
        synchronized (this) {
            connection = c;
            pending = pendingClose;
            pendingClose = null;
        }
        if (pending != null) {
            c.close(pending);
        }
    }

    /** The buffer Tyrus's own writes go through (see {@link ObservingWriter}). */
    Outbound outbound() {
        return out;
    }

    @Override
    public SendResult send(Message message) {
        return result(out.offer(deflate ? message.deflatedFrame() : message.frame()),
                message.bytes());
    }

    private static SendResult result(Outbound.Offer offer, int bytes) {
        return switch (offer) {
            case WRITTEN -> new SendResult(SendResult.Status.WRITTEN, bytes);
            case QUEUED -> new SendResult(SendResult.Status.QUEUED, bytes);
            case DROPPED -> new SendResult(SendResult.Status.DROPPED, bytes);
            case CLOSED -> SendResult.closed();
        };
    }

    /** Within the close grace at the latest: what is still queued then is discarded. */
    @Override
    public void afterFlush(Runnable then) {
        ObservingWriter.closeAfterFlush(out, then);
    }

    @Override
    public void ping() {
        out.offerControl(ByteBuffer.wrap(new byte[] {(byte) 0x89, 0x00}), null);
    }

    @Override
    public long trim() {
        return out.trimIfIdle();
    }

    @Override
    public long retainedBytes() {
        return out.capacity();
    }

    @Override
    public long buffered() {
        return out.buffered();
    }

    @Override
    public void close(CloseReason reason) {
        Connection c;
        synchronized (this) {
            c = connection;
            if (c == null) {
                if (pendingClose == null) {
                    pendingClose = reason;
                }
                return;
            }
        }
        c.close(reason);
    }
}
