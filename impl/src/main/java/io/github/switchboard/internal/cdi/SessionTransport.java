package io.github.switchboard.internal.cdi;

import io.github.switchboard.SendResult;
import io.github.switchboard.internal.outbound.Outbound;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The portable transport, where Switchboard cannot write frames itself (containers other than
 * the embedded server): the JSR session's asynchronous remote with one send in flight, the next
 * started from its completion, behind a queue bounded in payload bytes like {@link Outbound}: a
 * message that would cross the limit is dropped unless nothing is queued. The container's own
 * async queue is unbounded (DESIGN.md §4), so nothing else may reach it. Thread-safe; a
 * completion on the sending thread is looped, not recursed.
 */
final class SessionTransport implements Transport {

    private static final System.Logger LOG = System.getLogger(SessionTransport.class.getName());

    private final Session session;
    private final long limit;
    private final Outbound.Listener listener;

    // Guarded by this.
    private final ArrayDeque<Message> queue = new ArrayDeque<>();
    private long bytes; // queued plus in flight
    private boolean sending;
    private boolean backpressured;
    private boolean closed;
    private Thread starting; // the thread inside send*(), while it is
    private boolean completedInline;

    SessionTransport(Session session, long limit, Outbound.Listener listener) {
        this.session = session;
        this.limit = limit;
        this.listener = listener == null ? new Outbound.Listener() { } : listener;
    }

    @Override
    public SendResult send(Message message) {
        synchronized (this) {
            if (closed || !session.isOpen()) {
                return SendResult.closed();
            }
            if (bytes > 0 && bytes + message.bytes() > limit) {
                backpressured = true;
                return new SendResult(SendResult.Status.DROPPED, message.bytes());
            }
            bytes += message.bytes();
            if (sending) {
                queue.add(message);
                backpressured = true;
                return new SendResult(SendResult.Status.QUEUED, message.bytes());
            }
            sending = true;
        }
        start(message);
        return new SendResult(SendResult.Status.WRITTEN, message.bytes());
    }

    /** Sends {@code first}, then whatever completions started on this thread left queued. */
    private void start(Message first) {
        Message next = first;
        while (next != null) {
            Message current = next;
            synchronized (this) {
                starting = Thread.currentThread();
                completedInline = false;
            }
            try {
                if (current.text() != null) {
                    session.getAsyncRemote().sendText(current.text(), r -> done(current, r));
                } else {
                    session.getAsyncRemote().sendBinary(current.binary().duplicate(),
                            r -> done(current, r));
                }
            } catch (RuntimeException e) {
                done(current, new jakarta.websocket.SendResult(e));
            }
            synchronized (this) {
                starting = null;
                if (!completedInline) {
                    return;
                }
                next = afterCompletion(current);
            }
            announceIfDrained();
        }
    }

    private void done(Message message, jakarta.websocket.SendResult result) {
        if (!result.isOK()) {
            synchronized (this) {
                closed = true;
                queue.clear();
                bytes = 0;
                sending = false;
            }
            listener.failed(result.getException());
            return;
        }
        Message next;
        synchronized (this) {
            if (starting == Thread.currentThread()) {
                completedInline = true; // start()'s loop continues
                return;
            }
            next = afterCompletion(message);
        }
        announceIfDrained();
        if (next != null) {
            start(next);
        }
    }

    private boolean drainedNow; // guarded by this

    /** Under the lock: {@code message} was sent; the next one to send, or null. */
    private Message afterCompletion(Message message) {
        bytes -= message.bytes();
        Message next = closed ? null : queue.poll();
        if (next == null) {
            sending = false;
            drainedNow = backpressured && !closed;
            backpressured = false;
        }
        return next;
    }

    private void announceIfDrained() {
        boolean drained;
        synchronized (this) {
            drained = drainedNow;
            drainedNow = false;
        }
        if (drained) {
            listener.drained();
        }
    }

    @Override
    public void ping() {
        try {
            session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "a ping failed", e);
        }
    }

    @Override
    public synchronized long buffered() {
        return bytes;
    }

    @Override
    public void close(CloseReason reason) {
        synchronized (this) {
            closed = true;
            queue.clear();
        }
        try {
            session.close(reason);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing a WebSocket session failed", e);
        }
    }
}
