package io.github.switchboard.internal.cdi;

import io.github.switchboard.SendResult;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The portable transport: the JSR session's asynchronous remote. */
final class SessionTransport implements Transport {

    private static final System.Logger LOG = System.getLogger(SessionTransport.class.getName());

    private final Session session;

    SessionTransport(Session session) {
        this.session = session;
    }

    @Override
    public SendResult sendText(String text) {
        if (!session.isOpen()) {
            return SendResult.closed();
        }
        session.getAsyncRemote().sendText(text);
        return new SendResult(SendResult.Status.WRITTEN, text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Override
    public SendResult sendBinary(ByteBuffer data) {
        if (!session.isOpen()) {
            return SendResult.closed();
        }
        int bytes = data.remaining();
        session.getAsyncRemote().sendBinary(data.duplicate());
        return new SendResult(SendResult.Status.WRITTEN, bytes);
    }

    @Override
    public long buffered() {
        return 0; // the JSR API does not tell
    }

    @Override
    public void close(CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing a WebSocket session failed", e);
        }
    }
}
