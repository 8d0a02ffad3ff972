package io.github.switchboard.internal.cdi;

import io.github.switchboard.Connection;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * One connection's credential expiry (issue 11 §2): the instant, and the connection's entry in
 * the {@link ExpiryWheel}, which exists from the moment the transport can close the connection
 * until the connection is finished. When the entry's tick comes and the instant has passed, the
 * connection is closed with {@link Connection#CREDENTIALS_EXPIRED}.
 *
 * <p>Thread-safe: the instant is volatile, the entry guarded by {@code this}.
 */
final class ConnectionExpiry implements ExpiryWheel.Target {

    private static final System.Logger LOG = System.getLogger(ConnectionExpiry.class.getName());

    private final SwitchboardConnection connection;
    /** Whether the connection is closing or closed: no expiry matters any more. */
    private final BooleanSupplier closing;
    private final ExpiryWheel wheel;
    /** The expiry now; null: none. Written under {@code this}. */
    private volatile Instant at;
    /** The wheel's entry, once scheduled; guarded by this. */
    private ExpiryWheel.Entry entry;
    /** Whether the transport is attached, so that the connection can be closed; guarded by this. */
    private boolean attached;

    ConnectionExpiry(SwitchboardConnection connection, Instant initial, BooleanSupplier closing,
            ExpiryWheel wheel) {
        this.connection = connection;
        this.at = initial;
        this.closing = closing;
        this.wheel = wheel;
    }

    Instant at() {
        return at;
    }

    /** The transport is attached: an expiry goes on the wheel from now on. */
    synchronized void attached() {
        attached = true;
        if (at != null && entry == null && !closing.getAsBoolean()) {
            entry = wheel.schedule(this, epochMillis(at));
        }
    }

    /** Moves the expiry; false, without effect, when the connection is closing. */
    synchronized boolean extendUntil(Instant instant) {
        if (closing.getAsBoolean()) {
            return false;
        }
        at = instant;
        if (entry != null) {
            wheel.reschedule(entry, epochMillis(instant));
        } else if (attached) {
            entry = wheel.schedule(this, epochMillis(instant));
        } // else attached() schedules it
        return true;
    }

    /** The connection is finished: off the wheel. */
    synchronized void cancel() {
        if (entry != null) {
            wheel.cancel(entry);
        }
    }

    @Override
    public long expiresAtMillis() {
        Instant a = at;
        return a == null || closing.getAsBoolean() ? Long.MAX_VALUE : epochMillis(a);
    }

    @Override
    public void expire() {
        LOG.log(Level.DEBUG, () -> "SWB-1115 connection=" + connection.id()
                + " credentials expired; closing with " + Connection.CREDENTIALS_EXPIRED);
        connection.close(Connection.CREDENTIALS_EXPIRED, "credentials expired");
    }

    static long epochMillis(Instant at) {
        try {
            return Math.min(at.toEpochMilli(), Long.MAX_VALUE - 1);
        } catch (ArithmeticException e) { // beyond what a long of milliseconds holds
            return at.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE - 1;
        }
    }
}
