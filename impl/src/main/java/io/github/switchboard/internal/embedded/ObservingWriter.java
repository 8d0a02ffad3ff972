package io.github.switchboard.internal.embedded;

import io.github.switchboard.internal.cdi.Frames;
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
 */
final class ObservingWriter extends Writer {

    private final Writer delegate;
    private final Outbound out;
    private final SwitchboardConnection connection;

    ObservingWriter(Writer delegate, Outbound out, SwitchboardConnection connection) {
        this.delegate = delegate;
        this.out = out;
        this.connection = connection;
    }

    @Override
    public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> completionHandler) {
        CloseReason reason = Frames.closeReason(buffer);
        Runnable written = completionHandler == null ? null
                : () -> completionHandler.completed(buffer);
        Outbound.Offer offer;
        if (reason != null) {
            connection.closeFrame(reason);
            offer = out.offerClose(buffer, written);
        } else {
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

    /** Tyrus closes the transport after its close frame: first write what is queued. */
    @Override
    public void close() {
        out.closeAfterFlush(() -> {
            try {
                delegate.close();
            } catch (IOException e) {
                // the connection is going away either way
            }
        });
    }
}
