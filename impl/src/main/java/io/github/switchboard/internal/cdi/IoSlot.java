package io.github.switchboard.internal.cdi;

/**
 * One per Grizzly connection on the embedded server: the Switchboard connection its handshake
 * created, once {@code modifyHandshake} has accepted it. Set on the handshake thread, read by
 * every later read of the same connection. Thread-safe.
 */
public final class IoSlot {

    private volatile SwitchboardConnection connection;

    /** The connection, or null before the handshake was accepted. */
    public SwitchboardConnection connection() {
        return connection;
    }

    /** Called once by the handshake that accepted the upgrade. */
    public void connection(SwitchboardConnection c) {
        this.connection = c;
    }
}
