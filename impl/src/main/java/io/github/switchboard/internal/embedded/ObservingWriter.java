package io.github.switchboard.internal.embedded;

import io.github.switchboard.internal.cdi.Frames;
import io.github.switchboard.internal.cdi.SwitchboardConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import jakarta.websocket.CloseReason;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Writer;
import org.glassfish.tyrus.spi.WriterInfo;

/**
 * The writer Tyrus gets for a Switchboard connection: passes everything through, and tells the
 * connection when Tyrus writes a close frame (its own close, or the echo of the client's), so
 * that sends stop and the closed event knows the code without an {@code @OnClose}. Tyrus writes
 * each control frame as one buffer.
 */
final class ObservingWriter extends Writer {

    private final Writer delegate;
    private final SwitchboardConnection connection;

    ObservingWriter(Writer delegate, SwitchboardConnection connection) {
        this.delegate = delegate;
        this.connection = connection;
    }

    @Override
    public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> completionHandler) {
        observe(buffer);
        delegate.write(buffer, completionHandler);
    }

    @Override
    public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> completionHandler,
            WriterInfo writerInfo) {
        observe(buffer);
        delegate.write(buffer, completionHandler, writerInfo);
    }

    private void observe(ByteBuffer buffer) {
        CloseReason reason = Frames.closeReason(buffer);
        if (reason != null) {
            connection.closeFrame(reason);
        }
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
