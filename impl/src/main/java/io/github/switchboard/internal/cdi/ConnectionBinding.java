package io.github.switchboard.internal.cdi;

import io.github.switchboard.internal.outbound.Outbound;
import io.github.switchboard.SendResult;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

/**
 * How a {@link SwitchboardConnection} is bound to what carries its frames: the transport, the
 * sends and closes through it, the JSR session where no embedded gate reads the frames, the
 * client-message limits checked in that case, and what the outbound buffer reports.
 *
 * <p>Its state is the connection's transport fields (volatile) and, for registering the
 * connection with the topic registry, the connection's monitor; this class has no instances, so
 * that splitting the connection's code costs an idle connection no object (DESIGN.md §5 "Idle
 * memory").
 */
final class ConnectionBinding {

    private ConnectionBinding() {
    }

    /** The transport is attached: sends and closes go through it from now on. */
    static void attach(SwitchboardConnection c, Transport t) {
        c.transport = t;
        c.touch(); // idle from now on, not from the handshake
        c.expiry.attached();
        c.services().meters().opened();
        synchronized (c) {
            if (!c.finished) { // finish() removes it after this, never before
                c.services().topics().opened(c); // findable by id from @OnOpen on
            }
        }
    }

    /** What the outbound buffer reports: a failed write means the peer is gone. */
    static Outbound.Listener outboundListener(SwitchboardConnection c) {
        return new OutboundEvents(c);
    }

    /** Binds the JSR session where no better transport is attached (containers other than the gate's). */
    static void bindSession(SwitchboardConnection c, Session session) {
        Transport t = c.transport;
        if (t == null) {
            limitClientMessages(c, session);
            attach(c, new SessionTransport(session, c.options().backpressureLimit(),
                    outboundListener(c)));
        } else if (t instanceof SessionTransport portable) {
            portable.bind(session); // attached before @OnOpen (the embedded portable mode)
        }
    }

    /**
     * Has Switchboard check the size and rate of each client message before delivery, and lowers
     * the session's buffer sizes to the size limit.
     */
    static void limitClientMessages(SwitchboardConnection c, Session session) {
        c.portableLimits = PortableLimits.apply(session, c.options());
    }

    /**
     * Checks one client message where no embedded gate does: over the size limit closes with
     * 1009, over the rate with 1008, and answers false (the message is not delivered).
     */
    static boolean admitMessage(SwitchboardConnection c, Object[] parameters) {
        PortableLimits limits = c.portableLimits;
        if (limits == null) {
            return true;
        }
        if (!limits.fits(parameters)) {
            c.close(1009, PortableLimits.TOO_BIG);
            return false;
        }
        if (!limits.admit()) {
            c.close(1008, PortableLimits.TOO_MANY);
            return false;
        }
        return true;
    }

    /** Sends an encoded message: every send and every publish to {@code c} comes here. */
    static SendResult send(SwitchboardConnection c, Message message) {
        Transport t = c.transport;
        ConnectionServices services = c.services();
        if (t == null || c.closing) {
            services.meters().delivery(SendResult.Status.CLOSED, message.bytes());
            return SendResult.closed();
        }
        SendResult r = t.send(message);
        services.meters().delivery(r.status(), message.bytes());
        if (r.status() == SendResult.Status.DROPPED && c.options().closeOnBackpressureLimit()) {
            c.close(1008, "backpressure limit");
        }
        return r;
    }

    /** {@link SwitchboardConnection#close(int, String)}: checks its arguments, then closes once. */
    static void close(SwitchboardConnection c, int code, String reason) {
        String text = reason == null ? "" : reason;
        checkCloseCode(code);
        if (text.getBytes(StandardCharsets.UTF_8).length > 123) {
            throw new IllegalArgumentException("a close reason holds at most 123 bytes of UTF-8");
        }
        Transport t = c.transport;
        if (t == null || c.closing) {
            return;
        }
        CloseReason r = new CloseReason(Frames.code(code), text);
        c.closing = true; // asked to close: nothing more is sent, whenever the close frame leaves
        // Tyrus runs @OnClose inside this call: name the connection for endpoint creation, and
        // count the call as a running callback, or a TCP close racing with it could finish the
        // connection before Tyrus creates the endpoint for @OnClose.
        SwitchboardConnection previous = Current.push(c);
        boolean entered = ConnectionLifecycle.enter(c);
        try {
            t.close(r);
        } finally {
            Current.pop(previous);
            if (entered) {
                ConnectionLifecycle.exit(c);
            }
        }
    }

    /** Close codes an endpoint may send (RFC 6455 §7.4). */
    static void checkCloseCode(int code) {
        boolean ok = code == 1000 || code == 1001 || code == 1003
                || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
        if (!ok) {
            throw new IllegalArgumentException("close code " + code + " may not be sent; use 1000, "
                    + "1001, 1003, 1007-1014 or 3000-4999");
        }
    }

    /** Attaches the portable transport before its session exists: sends and closes wait in it. */
    static void attachPortable(SwitchboardConnection c) {
        attach(c, new SessionTransport(c.options().backpressureLimit(), outboundListener(c)));
    }

    /**
     * The outbound buffer's reports for one connection: one object per transport, holding only
     * the connection (as the anonymous class it replaces did).
     */
    private static final class OutboundEvents implements Outbound.Listener {

        private final SwitchboardConnection connection;

        OutboundEvents(SwitchboardConnection connection) {
            this.connection = connection;
        }

        @Override
        public void drained() {
            ConnectionServices services = connection.services();
            if (!services.events().observed(io.github.switchboard.ConnectionDrained.class)) {
                return; // under load every batch can drain: nothing to activate for nobody
            }
            try {
                ConnectionLifecycle.within(connection, () -> {
                    services.events().drained(connection);
                    return Boolean.TRUE;
                });
            } catch (Exception e) {
                SwitchboardConnection.LOG.log(Level.WARNING, "SWB-1109 announcing the drain of "
                        + connection + " failed", e);
            }
        }

        @Override
        public void failed(Throwable cause) {
            connection.closing = true;
        }
    }
}
