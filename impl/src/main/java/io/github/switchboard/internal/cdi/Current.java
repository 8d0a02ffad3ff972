package io.github.switchboard.internal.cdi;

/**
 * Which connection the calling thread is working for, if any: the answer the connection scope,
 * the producers and endpoint creation need, because neither CDI nor Tyrus passes the connection
 * to them (DESIGN.md §5 "Endpoint instances").
 *
 * <p>Two sources, the first wins: an explicit connection pushed by Switchboard's own code that
 * knows it (a callback's interceptor, {@code Connection.run}, {@code Connection.close}, the end
 * of a connection), restored when that code returns; and the I/O slot that the embedded server's
 * gate sets for the duration of each read (and close event) of a Grizzly connection, which names
 * the connection whose bytes the thread is processing. Neither ever carries handshake data: that
 * stays in the user properties and in the connection object. Both are cleared by the code that
 * set them, in {@code finally} blocks or the read's completion listener.
 */
public final class Current {

    private static final ThreadLocal<SwitchboardConnection> EXPLICIT = new ThreadLocal<>();
    private static final ThreadLocal<IoSlot> IO = new ThreadLocal<>();
    /** The connection a gate read on this thread counted as running (see {@link #enterRead}). */
    private static final ThreadLocal<SwitchboardConnection> READ = new ThreadLocal<>();

    private Current() {
    }

    /** The connection the calling thread works for, or null. */
    public static SwitchboardConnection get() {
        SwitchboardConnection c = EXPLICIT.get();
        if (c != null) {
            return c;
        }
        IoSlot slot = IO.get();
        return slot == null ? null : slot.connection();
    }

    /** Makes {@code c} current and returns what was explicitly current before, for {@link #pop}. */
    public static SwitchboardConnection push(SwitchboardConnection c) {
        SwitchboardConnection previous = EXPLICIT.get();
        EXPLICIT.set(c);
        return previous;
    }

    /** Restores what {@link #push} returned. */
    public static void pop(SwitchboardConnection previous) {
        if (previous == null) {
            EXPLICIT.remove();
        } else {
            EXPLICIT.set(previous);
        }
    }

    /**
     * The gate: this thread now processes the bytes (or the close) of the connection behind
     * {@code slot}. Returns the slot it replaces, for {@link #exitIo}: a close can be processed
     * inside another event of the same connection.
     */
    public static IoSlot enterIo(IoSlot slot) {
        IoSlot previous = IO.get();
        IO.set(slot);
        return previous;
    }

    /** The gate: the read (or close event) has been processed; restores {@code previous}. */
    public static void exitIo(IoSlot previous) {
        if (previous == null) {
            IO.remove();
        } else {
            IO.set(previous);
        }
    }

    /**
     * The gate: a read of the connection behind {@code slot} starts on this thread; it counts
     * as a running callback of that connection until {@link #exitRead}. Two reads of one
     * connection can overlap (Grizzly re-enables reading before the first read's completion
     * listeners run), so what a read entered is kept per thread, never per connection.
     */
    public static void enterRead(IoSlot slot) {
        IO.set(slot);
        SwitchboardConnection c = slot.connection();
        if (c != null) {
            c.touch(); // bytes from the client: not idle
            if (c.enter()) {
                READ.set(c);
            }
        }
    }

    /** The gate: the read this thread started has been processed. */
    public static void exitRead() {
        IO.remove();
        SwitchboardConnection c = READ.get();
        if (c != null) {
            READ.remove();
            c.exit();
        }
    }

    /** The I/O slot of the read this thread is processing, or null outside the embedded gate. */
    public static IoSlot ioSlot() {
        return IO.get();
    }
}
