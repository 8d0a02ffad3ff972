package io.github.switchboard.internal.cdi;

/**
 * One per Grizzly connection on the embedded server: the Switchboard connection its handshake
 * created, once {@code modifyHandshake} has accepted it. Set on the handshake thread, read by
 * every later read of the same connection. Thread-safe.
 */
public final class IoSlot {

    private volatile SwitchboardConnection connection;
    /** How the gate fails this connection from inside one of its reads; null before the 101. */
    private volatile java.util.function.IntConsumer refusal;

    /** The connection, or null before the handshake was accepted. */
    public SwitchboardConnection connection() {
        return connection;
    }

    /** Called once by the handshake that accepted the upgrade. */
    public void connection(SwitchboardConnection c) {
        this.connection = c;
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
}
