package io.github.switchboard.internal.outbound;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection's outbound buffer (DESIGN.md §3 "The outbound fast path"): frames are offered
 * already built; when no write is in flight the offered frame is written at once, otherwise it
 * is copied behind the others into one growable buffer, and when the write in flight completes
 * everything queued goes out in a single write. So a publisher never blocks, a slow reader costs
 * its own buffer and nothing else, and under load many frames share one system call.
 *
 * <p>Application messages count against {@code limit} (bytes queued plus the write in flight):
 * one that would cross it is refused ({@link Offer#DROPPED}) unless nothing is buffered, so a
 * single message larger than the limit still goes out on an idle connection. The transport's own
 * frames (control frames, the container's sends) are never refused; they carry a callback run
 * when they have been written, and keep their place in the order.
 *
 * <p>Thread-safety: all state is guarded by {@code this}; the sink is called outside the lock,
 * by one thread at a time. A sink may complete a write on the calling thread; completions are
 * then handled by a loop, not by recursion.
 */
public final class Outbound {

    /** What happened to an offered frame. */
    public enum Offer {
        /** Handed to the sink now. */
        WRITTEN,
        /** Queued behind the write in flight. */
        QUEUED,
        /** Refused: it would cross the limit. */
        DROPPED,
        /** Refused: the buffer is closed. */
        CLOSED
    }

    /** Where batches go: one call at a time; {@code done} runs when the batch has been written. */
    public interface Sink {
        void write(ByteBuffer batch, Completion done);
    }

    /** Called once per batch. */
    public interface Completion {
        void completed();

        void failed(Throwable cause);
    }

    /** Observes the buffer's transitions; called outside the lock. */
    public interface Listener {
        /** The buffer emptied after an offer was queued or dropped (Bun's {@code drain}). */
        default void drained() {
        }

        /** A write failed; the buffer is closed. */
        default void failed(Throwable cause) {
        }
    }

    /**
     * A buffer starts this small and doubles as needed: an idle connection keeps two of them once
     * it has sent anything (at 4 KiB that was 8 KiB per idle connection, measured by the
     * benchmark's idle-memory scenario), while a busy one keeps the sizes its bursts needed.
     */
    private static final int INITIAL_CAPACITY = 512;
    private static final int MAX_SPARE = 64 * 1024;

    private final Sink sink;
    private final long limit;
    private final Listener listener;

    // Guarded by this.
    private ByteBuffer pending = ByteBuffer.allocate(0); // write mode: position = bytes queued
    private ByteBuffer spare; // the previous batch's buffer, reused
    private List<Completion> pendingCallbacks = new ArrayList<>();
    private List<Completion> inFlightCallbacks = new ArrayList<>();
    private long inFlight;
    private boolean writing;
    private boolean backpressured;
    private boolean closed;
    /** The close frame has been offered: application frames are refused. */
    private boolean sealed;
    /** Runs once the buffer is empty (see closeAfterFlush); null when none. */
    private Runnable afterFlush;
    /** Something was offered since the last {@link #trimIfIdle}: the connection is not at rest. */
    private boolean offeredSinceTrim;

    /** Runs {@link Outbound#flush} soon, on a thread of its choice. */
    public interface Scheduler {
        void schedule(Outbound outbound);
    }

    /** A buffer that flushes on the offering thread (no batching across offers). */
    public Outbound(Sink sink, long limit, Listener listener) {
        this(sink, limit, listener, Outbound::flush);
    }

    /**
     * A buffer whose first frame after an idle spell is written by {@code scheduler}'s thread:
     * frames offered meanwhile, to this connection and to others, leave with it, one write per
     * connection (DESIGN.md §5, measured in docs/benchmarks.md).
     */
    public Outbound(Sink sink, long limit, Listener listener, Scheduler scheduler) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.sink = sink;
        this.limit = limit;
        this.listener = listener == null ? new Listener() { } : listener;
        this.scheduler = scheduler;
    }

    private final Scheduler scheduler;
    /** A flush is scheduled and has not run yet; guarded by this. */
    private boolean scheduled;
    /** Frames at least this large go out at once when idle: batching gains nothing for them. */
    private static final int DIRECT_WRITE_MIN = 64 * 1024;

    /** Offers an application message's frame (not modified; may be shared with other buffers). */
    public Offer offer(ByteBuffer frame) {
        return offer(frame, null, true);
    }

    /**
     * Offers one of the transport's own frames: never refused by the limit; {@code written}
     * (nullable) runs once it has been written, or is dropped silently if the buffer closes.
     */
    public Offer offerControl(ByteBuffer frame, Completion written) {
        return offer(frame, written, false);
    }

    /**
     * Offers the close frame: like {@link #offerControl}, and from now on application frames
     * are refused ({@link Offer#CLOSED}), so nothing follows the close frame (RFC 6455 §5.5.1),
     * while everything offered before it is written before it.
     */
    public Offer offerClose(ByteBuffer frame, Completion written) {
        Offer offer = offer(frame, written, false);
        synchronized (this) {
            sealed = true;
        }
        return offer;
    }

    private Offer offer(ByteBuffer frame, Completion written, boolean bounded) {
        ByteBuffer now;
        Offer result;
        boolean schedule = false;
        synchronized (this) {
            if (closed || sealed) {
                return Offer.CLOSED; // nothing, not even a control frame, follows the close frame
            }
            offeredSinceTrim = true;
            long buffered = inFlight + pending.position();
            int size = frame.remaining();
            if (bounded && buffered > 0 && buffered + size > limit) {
                backpressured = true;
                return Offer.DROPPED;
            }
            if (!writing && size >= DIRECT_WRITE_MIN && pending.position() == 0 && !scheduled) {
                writing = true;
                inFlight = size;
                now = frame.duplicate();
                if (written != null) {
                    inFlightCallbacks.add(written);
                }
                result = Offer.WRITTEN;
            } else if (!writing) {
                // Idle: append and let the scheduler's thread write everything gathered by then.
                append(frame);
                if (written != null) {
                    pendingCallbacks.add(written);
                }
                schedule = !scheduled;
                scheduled = true;
                now = null;
                result = buffered == 0 ? Offer.WRITTEN : Offer.QUEUED;
                backpressured |= bounded && result == Offer.QUEUED; // a QUEUED is followed by a drain
            } else {
                append(frame);
                if (written != null) {
                    pendingCallbacks.add(written);
                }
                backpressured |= bounded;
                return Offer.QUEUED;
            }
        }
        if (now != null) {
            write(now);
        } else if (schedule) {
            scheduler.schedule(this);
        }
        return result;
    }

    /**
     * Writes everything queued in one write, unless a write is in flight (its completion will).
     * Called by the scheduler; harmless at any time.
     */
    public void flush() {
        ByteBuffer batch;
        synchronized (this) {
            scheduled = false;
            if (writing || closed || pending.position() == 0) {
                return;
            }
            writing = true;
            batch = takePending();
        }
        write(batch);
    }

    /** Under the lock: the queued bytes as a batch to write, and their callbacks in flight. */
    private ByteBuffer takePending() {
        ByteBuffer batch = pending.flip();
        pending = spare != null ? spare.clear() : ByteBuffer.allocate(INITIAL_CAPACITY);
        spare = batch.capacity() <= MAX_SPARE ? batch : null;
        inFlight = batch.remaining();
        inFlightCallbacks = pendingCallbacks;
        pendingCallbacks = new ArrayList<>(0);
        return batch;
    }

    /** Under the lock: copies {@code frame} behind the queued bytes, growing the buffer. */
    private void append(ByteBuffer frame) {
        int size = frame.remaining();
        if (pending.remaining() < size) {
            int needed = pending.position() + size;
            int capacity = Math.max(INITIAL_CAPACITY, pending.capacity());
            while (capacity < needed) {
                capacity = capacity > Integer.MAX_VALUE / 2 ? needed : capacity * 2;
            }
            ByteBuffer bigger = ByteBuffer.allocate(capacity);
            pending.flip();
            bigger.put(pending);
            pending = bigger;
        }
        pending.put(pending.position(), frame, frame.position(), size); // no view per copy
        pending.position(pending.position() + size);
    }

    /** The batch in flight, and whether its sink call completed it on the calling thread. */
    private static final class InFlight {
        final Thread thread = Thread.currentThread();
        boolean completedInline;
    }

    /** What a completed write leads to: its callbacks, the next batch (or null), a drain. */
    private record Step(List<Completion> callbacks, ByteBuffer next, boolean drained) {
        /** Runs the callbacks, each on its own: one that throws must not wedge the buffer. */
        void announce(Listener listener) {
            for (Completion c : callbacks) {
                try {
                    c.completed();
                } catch (RuntimeException | Error e) {
                    LOG.log(System.Logger.Level.WARNING, "a write-completion callback threw", e);
                }
            }
            if (drained) {
                try {
                    listener.drained();
                } catch (RuntimeException | Error e) {
                    LOG.log(System.Logger.Level.WARNING, "the drain listener threw", e);
                }
            }
        }
    }

    private static final System.Logger LOG = System.getLogger(Outbound.class.getName());

    /** Fails {@code callbacks}, each on its own (outside the lock). */
    private static void fail(List<Completion> callbacks, Throwable cause) {
        for (Completion c : callbacks) {
            try {
                c.failed(cause);
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.WARNING, "a write-failure callback threw", e);
            }
        }
    }

    /** Writes {@code batch}, then every batch queued meanwhile, until nothing is queued. */
    private void write(ByteBuffer batch) {
        ByteBuffer next = batch;
        while (next != null) {
            InFlight call = new InFlight();
            synchronized (this) {
                current = call;
            }
            sink.write(next, completion);
            Step step;
            synchronized (this) {
                if (current == call) {
                    current = null;
                }
                if (!call.completedInline) {
                    return; // the completion continues from the sink's thread
                }
                step = completedWrite();
            }
            step.announce(listener);
            next = step.next();
        }
    }

    private InFlight current; // guarded by this

    private final Completion completion = new Completion() {
        @Override
        public void completed() {
            Step step;
            synchronized (Outbound.this) {
                InFlight call = current;
                if (call != null && call.thread == Thread.currentThread()) {
                    call.completedInline = true; // the loop in write() continues
                    current = null;
                    return;
                }
                step = completedWrite();
            }
            step.announce(listener);
            if (step.next() != null) {
                write(step.next());
            }
        }

        @Override
        public void failed(Throwable cause) {
            Runnable then;
            List<Completion> lost = new ArrayList<>();
            synchronized (Outbound.this) {
                then = afterFlush;
                afterFlush = null;
                closed = true;
                writing = false;
                inFlight = 0;
                pending = ByteBuffer.allocate(0);
                lost.addAll(inFlightCallbacks);
                lost.addAll(pendingCallbacks);
                pendingCallbacks.clear();
                inFlightCallbacks.clear();
            }
            fail(lost, cause); // a sender blocked on one of these frames must learn it failed
            try {
                listener.failed(cause);
            } finally {
                if (then != null) {
                    then.run();
                }
            }
        }
    };

    /**
     * Under the lock: the write in flight has completed. Returns its callbacks and the next
     * batch (everything queued meanwhile), or no batch and, after backpressure, a drain.
     */
    private Step completedWrite() {
        List<Completion> done = inFlightCallbacks;
        inFlightCallbacks = new ArrayList<>(0);
        inFlight = 0;
        if (closed || pending.position() == 0) {
            writing = false;
            boolean drained = backpressured && !closed;
            backpressured = false;
            Runnable then = afterFlush;
            afterFlush = null;
            return new Step(then == null ? done : append(done, then), null, drained);
        }
        // The batch's buffer is reused next time unless a burst made it large: an idle
        // connection keeps at most two small buffers.
        return new Step(done, takePending(), false);
    }

    private static List<Completion> append(List<Completion> list, Runnable last) {
        List<Completion> all = new ArrayList<>(list);
        all.add(new Completion() {
            @Override
            public void completed() {
                last.run();
            }

            @Override
            public void failed(Throwable cause) {
                last.run();
            }
        });
        return all;
    }

    /**
     * Gives back the memory a burst left behind, if the connection has been at rest since the
     * previous call: nothing offered meanwhile, nothing queued, no write in flight or scheduled.
     * Then a queue buffer grown past the initial size is replaced by one of the initial size and
     * a large spare is dropped, so a connection at rest keeps at most two small buffers whatever
     * its bursts needed (DESIGN.md §5 "What a burst leaves behind"). Called periodically (the
     * embedded server's sweep), never per batch: a connection that goes idle after every batch
     * keeps its buffers and their reuse. Any thread; takes the lock, never writes.
     *
     * @return the bytes of buffer capacity released (0 when busy or nothing was large)
     */
    public long trimIfIdle() {
        synchronized (this) {
            boolean active = offeredSinceTrim;
            offeredSinceTrim = false;
            if (active || closed || writing || scheduled || pending.position() > 0) {
                return 0;
            }
            long released = 0;
            if (pending.capacity() > INITIAL_CAPACITY) {
                released += pending.capacity() - INITIAL_CAPACITY;
                pending = ByteBuffer.allocate(INITIAL_CAPACITY);
            }
            if (spare != null && spare.capacity() > INITIAL_CAPACITY) {
                released += spare.capacity();
                spare = null;
            }
            return released;
        }
    }

    /** Buffer capacity held now, queue buffer plus spare (for tests and diagnostics). */
    public synchronized long capacity() {
        return pending.capacity() + (spare == null ? 0 : spare.capacity());
    }

    /** Bytes accepted and not yet written: queued plus the write in flight. */
    public synchronized long buffered() {
        return inFlight + pending.position();
    }

    /**
     * Refuses application frames from now on, and runs {@code then} once everything accepted
     * so far has been written (at once when nothing is buffered): how the transport closes the
     * connection without losing the close frame queued behind a backlog.
     */
    public void closeAfterFlush(Runnable then) {
        boolean now;
        boolean flushNeeded;
        synchronized (this) {
            sealed = true;
            now = closed || (!writing && pending.position() == 0);
            flushNeeded = !now && !writing && !scheduled;
            if (!now) {
                afterFlush = then;
            }
        }
        if (now) {
            then.run();
        } else if (flushNeeded) {
            flush(); // queued but not yet scheduled (cannot happen with a scheduler): write it
        }
    }

    /**
     * Refuses everything from now on; what is queued is discarded and its callbacks are failed
     * (the write in flight completes as it will). Idempotent.
     */
    public void close() {
        List<Completion> lost;
        synchronized (this) {
            closed = true;
            pending = ByteBuffer.allocate(0);
            spare = null;
            lost = pendingCallbacks;
            pendingCallbacks = new ArrayList<>(0);
        }
        fail(lost, new java.io.IOException("the connection is closed"));
    }

    /** Whether {@link #close} ran or a write failed. */
    public synchronized boolean isClosed() {
        return closed;
    }
}
