package io.github.switchboard.internal.cdi;

/**
 * One per Grizzly connection on the embedded server: the Switchboard connection its handshake
 * created, once {@code modifyHandshake} has accepted it. Set on the handshake thread, read by
 * every later read of the same connection. Thread-safe.
 */
public final class IoSlot {

    private volatile SwitchboardConnection connection;
    /**
     * The upgrade request the gate captured for the configurator, from the gate's handshake read
     * until the configurator takes it or that read ends; null otherwise, so that no connection
     * keeps its request head for its life.
     */
    private Handover handover; // guarded by this
    /** How the gate fails this connection from inside one of its reads; null before the 101. */
    private volatile java.util.function.IntConsumer refusal;
    /** The gate wrote the close frame of its refusal; guarded by this. */
    private boolean closeFrameWritten;

    /** The connection, or null before the handshake was accepted. */
    public SwitchboardConnection connection() {
        return connection;
    }

    /** Called once by the handshake that accepted the upgrade. */
    public void connection(SwitchboardConnection c) {
        this.connection = c;
    }

    /**
     * What the embedded gate hands to the configurator of the handshake it passes on: the secret
     * of its server (which finds the server's runtime) and the exact request.
     */
    public record Handover(String secret, io.github.switchboard.internal.RawCapture capture) {
    }

    /** The gate, before it passes an upgrade request on: what the configurator will take. */
    public synchronized void handover(Handover h) {
        this.handover = h;
    }

    /** The configurator (or the gate, once the handshake read ends): takes it, at most once. */
    public synchronized Handover takeHandover() {
        Handover h = handover;
        handover = null;
        return h;
    }

    /** The gate, once the connection is upgraded: how {@link #refuse} fails it. */
    public void onRefusal(java.util.function.IntConsumer refusal) {
        this.refusal = refusal;
    }

    /**
     * Fails the connection from inside one of its reads (the deflate codec of the embedded
     * server, on a message that inflates past the limit): the close frame with {@code closeCode}
     * goes out, the transport closes, nothing more is read. A no-op before the upgrade.
     */
    public void refuse(int closeCode) {
        java.util.function.IntConsumer r = refusal;
        if (r != null) {
            r.accept(closeCode);
        }
    }

    /**
     * The gate writes the close frame of its refusal with {@code write}; from then on
     * {@link #writeUnlessClosed} writes nothing. Where the container writes straight to the
     * network (the portable outbound path) this is what keeps its frames (say, the pong to the
     * empty ping the deflate codec substitutes for a refused frame) from following the close
     * frame, as the fast path's sealed buffer does. One lock orders the two: a frame of the
     * container's goes out before the close frame or not at all. The writes only hand bytes to
     * Grizzly's asynchronous queue; they never wait for the network.
     */
    public synchronized void writeCloseFrame(Runnable write) {
        closeFrameWritten = true;
        write.run();
    }

    /** Runs {@code write} unless the gate's close frame was written; whether it ran. */
    public synchronized boolean writeUnlessClosed(Runnable write) {
        if (closeFrameWritten) {
            return false;
        }
        write.run();
        return true;
    }
}
