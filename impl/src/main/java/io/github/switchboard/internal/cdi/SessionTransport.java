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
 *
 * <p>It may be created before its session exists (the embedded server's portable mode attaches it
 * before Tyrus runs {@code @OnOpen}): until {@link #bind} messages wait in the queue, counted
 * against the limit, and a close waits too; binding starts both, in order.
 */
final class SessionTransport implements Transport {

    private static final System.Logger LOG = System.getLogger(SessionTransport.class.getName());

    private Session session; // guarded by this; null until bound
    private final long limit;
    private final Outbound.Listener listener;

    // Guarded by this.
    private ArrayDeque<Message> queue = new ArrayDeque<>();
    /** The most messages queued since the last {@link #trim}: the deque's array never shrinks. */
    private int queuedPeak;
    /** Something was sent since the last {@link #trim}. */
    private boolean sentSinceTrim;
    private long bytes; // queued plus in flight
    private boolean sending;
    private boolean backpressured;
    private boolean closed;
    private Thread starting; // the thread inside send*(), while it is
    private boolean completedInline;
    private CloseReason pendingClose; // asked for before the session was bound
    private Runnable afterFlush; // run once nothing is queued or in flight; set once sealed
    private boolean sealed; // takes nothing more, flushes what it holds

    SessionTransport(Session session, long limit, Outbound.Listener listener) {
        this(limit, listener);
        this.session = java.util.Objects.requireNonNull(session, "session");
    }

    /** A transport whose session is not known yet: see {@link #bind}. */
    SessionTransport(long limit, Outbound.Listener listener) {
        this.limit = limit;
        this.listener = listener == null ? new Outbound.Listener() { } : listener;
    }

    /**
     * The session exists: what was queued starts, or the close asked for meanwhile. Ignored when
     * already bound (any later callback's session is the same).
     */
    void bind(Session s) {
        Message first;
        CloseReason close;
        synchronized (this) {
            if (session != null) {
                return;
            }
            session = s;
            close = pendingClose;
            first = close != null || closed ? null : queue.poll();
            if (first != null) {
                sending = true;
            }
        }
        if (close != null) {
            closeSession(close);
        } else if (first != null) {
            start(first);
        }
    }

    /** Whether {@link #bind} has run (or the session was given at creation). */
    synchronized boolean bound() {
        return session != null;
    }

    @Override
    public SendResult send(Message message) {
        synchronized (this) {
            if (closed || sealed || session != null && !session.isOpen()) {
                return SendResult.closed();
            }
            if (bytes > 0 && bytes + message.bytes() > limit) {
                backpressured = true;
                return new SendResult(SendResult.Status.DROPPED, message.bytes());
            }
            bytes += message.bytes();
            sentSinceTrim = true;
            if (sending || session == null) {
                queue.add(message);
                queuedPeak = Math.max(queuedPeak, queue.size());
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
            Session s;
            synchronized (this) {
                starting = Thread.currentThread();
                completedInline = false;
                s = session;
            }
            try {
                if (current.text() != null) {
                    s.getAsyncRemote().sendText(current.text(), r -> done(current, r));
                } else {
                    s.getAsyncRemote().sendBinary(current.binary().duplicate(),
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
            Runnable then;
            synchronized (this) {
                closed = true;
                queue.clear();
                bytes = 0;
                sending = false;
                then = takeAfterFlush();
            }
            listener.failed(result.getException());
            if (then != null) {
                then.run();
            }
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
        Runnable then;
        synchronized (this) {
            drained = drainedNow;
            drainedNow = false;
            then = sending ? null : takeAfterFlush();
        }
        if (drained) {
            listener.drained();
        }
        if (then != null) {
            then.run();
        }
    }

    /** Under the lock: the after-flush action, once; null when none is due. */
    private Runnable takeAfterFlush() {
        Runnable then = afterFlush;
        afterFlush = null;
        return then;
    }

    /**
     * Takes nothing more and runs {@code then} once what is queued and in flight has been handed
     * to the container (at once when nothing is), or when a send fails. The embedded gate's
     * refusal puts its close frame behind the answers this way; it bounds the wait itself.
     */
    @Override
    public void afterFlush(Runnable then) {
        boolean now;
        synchronized (this) {
            sealed = true;
            now = !sending && (session != null || queue.isEmpty()) || closed;
            if (!now) {
                afterFlush = then;
            }
        }
        if (now) {
            then.run();
        }
    }

    @Override
    public void ping() {
        Session s;
        synchronized (this) {
            s = session;
        }
        if (s == null) {
            return; // not open yet: nothing to keep alive
        }
        try {
            s.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "a ping failed", e);
        }
    }

    /**
     * A deque's array keeps the size its longest backlog needed; once the connection has been at
     * rest since the previous call (nothing sent, queued or in flight) an array grown past the
     * default is replaced by a fresh deque. Returns an estimate of the bytes released.
     */
    @Override
    public synchronized long trim() {
        boolean active = sentSinceTrim;
        sentSinceTrim = false;
        if (active || sending || !queue.isEmpty() || queuedPeak <= SMALL_QUEUE) {
            return 0;
        }
        long released = (long) Integer.highestOneBit(queuedPeak) * 2 * Integer.BYTES;
        queue = new ArrayDeque<>();
        queuedPeak = 0;
        return released;
    }

    /** A deque this long fits the default array: nothing to trim. */
    static final int SMALL_QUEUE = 16;

    @Override
    public synchronized long buffered() {
        return bytes;
    }

    @Override
    public void close(CloseReason reason) {
        Runnable then;
        boolean bound;
        synchronized (this) {
            closed = true;
            for (Message m : queue) {
                bytes -= m.bytes(); // discarded; only a send in flight stays counted
            }
            queue.clear();
            then = sending ? null : takeAfterFlush();
            bound = session != null;
            if (!bound && pendingClose == null) {
                pendingClose = reason; // bind() starts it
            }
        }
        if (then != null) {
            then.run();
        }
        if (bound) {
            closeSession(reason);
        }
    }

    private void closeSession(CloseReason reason) {
        Session s;
        synchronized (this) {
            s = session;
        }
        try {
            s.close(reason);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing a WebSocket session failed", e);
        }
    }
}
