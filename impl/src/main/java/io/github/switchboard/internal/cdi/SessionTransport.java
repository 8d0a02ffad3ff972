package io.github.switchboard.internal.cdi;

import io.github.switchboard.SendResult;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;

/** The portable transport: the JSR session's asynchronous remote. */
final class SessionTransport implements Transport {

    private static final System.Logger LOG = System.getLogger(SessionTransport.class.getName());

    private final Session session;

    SessionTransport(Session session) {
        this.session = session;
    }

    @Override
    public SendResult send(Message message) {
        if (!session.isOpen()) {
            return SendResult.closed();
        }
        if (message.text() != null) {
            session.getAsyncRemote().sendText(message.text());
        } else {
            session.getAsyncRemote().sendBinary(message.binary().duplicate());
        }
        return new SendResult(SendResult.Status.WRITTEN, message.bytes());
    }

    @Override
    public void ping() {
        try {
            session.getAsyncRemote().sendPing(java.nio.ByteBuffer.allocate(0));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "a ping failed", e);
        }
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
