package io.github.switchboard.internal.embedded;

import io.github.switchboard.SendResult;
import io.github.switchboard.internal.cdi.Frames;
import io.github.switchboard.internal.cdi.Transport;
import jakarta.websocket.CloseReason;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Connection;
import org.glassfish.tyrus.spi.Writer;

/**
 * The embedded transport: frames built once and written to Tyrus's writer for the connection
 * (Grizzly's asynchronous write queue, which keeps whole buffers in order with Tyrus's own
 * frames); closes through Tyrus's connection, so that its close handshake and {@code @OnClose}
 * run as usual. The writer exists before {@code @OnOpen} runs, Tyrus's connection only after: a
 * close asked for in between waits for it. Thread-safe.
 */
final class WriterTransport implements Transport {

    private static final System.Logger LOG = System.getLogger(WriterTransport.class.getName());

    private static final CompletionHandler<ByteBuffer> LOG_FAILURES = new CompletionHandler<>() {
        @Override
        public void failed(Throwable throwable) {
            LOG.log(Level.DEBUG, "a WebSocket write failed (the connection is closing)", throwable);
        }
    };

    private final Writer writer;
    private Connection connection; // guarded by this
    private CloseReason pendingClose; // guarded by this

    WriterTransport(Writer writer) {
        this.writer = writer;
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

    @Override
    public SendResult sendText(String text) {
        ByteBuffer frame = Frames.text(text);
        int bytes = Frames.payloadLength(frame);
        writer.write(frame, LOG_FAILURES);
        return new SendResult(SendResult.Status.WRITTEN, bytes);
    }

    @Override
    public SendResult sendBinary(ByteBuffer data) {
        int bytes = data.remaining();
        writer.write(Frames.binary(data), LOG_FAILURES);
        return new SendResult(SendResult.Status.WRITTEN, bytes);
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
