package io.github.switchboard.internal.cdi;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * Endpoint creation and the end of a connection on containers whose WebSocket implementation is
 * not Tyrus (DESIGN.md §5 "When other containers create endpoint instances").
 *
 * <p><b>Creation.</b> Undertow (WildFly) calls {@code getEndpointInstance} once per connection,
 * eagerly, in {@code EndpointSessionHandler.onConnect}, right after the upgrade response was
 * written, on the thread that ended the exchange, which is the worker that ran
 * {@code modifyHandshake} unless writing the 101 had to wait for the socket. So
 * {@code modifyHandshake} {@linkplain #offer offers} the accepted connection to the creation that
 * follows on the same thread, and {@code getEndpointInstance} {@linkplain #take takes} it, which
 * creates the instance for its connection (per-connection values injected as plain fields). The
 * offer is a thread-local only because the container passes nothing that names the connection;
 * it is never read by anything but endpoint creation, is removed when taken, is replaced by the
 * next handshake on the thread and cleared by the guard filter at the start of every request, and
 * the first callback that names its {@code Session} verifies the binding ({@link #mismatch}):
 * where the creation ran elsewhere the instance is created unbound and adopted (as on GlassFish).
 *
 * <p><b>The end.</b> Undertow releases a configurator's instance with a no-op, so nothing like
 * Tyrus's {@code ComponentProvider.destroy} tells Switchboard that the container is done with the
 * endpoint: connections created here are finished when their {@code @OnClose} returns.
 *
 * <p><b>The fallback refusal.</b> A handshake refused without the filter carries
 * {@link #REFUSED_PROPERTY} (its close code); its first intercepted callback closes the session
 * instead of running. Thread-safe.
 */
public final class ContainerCreation {

    /** User property of a handshake refused in the fallback: the close code (Integer). */
    public static final String REFUSED_PROPERTY = "io.github.switchboard.refused";

    private static final System.Logger LOG = System.getLogger(ContainerCreation.class.getName());

    private record Offer(SwitchboardConnection connection, Class<?> endpointClass) {
    }

    private static final ThreadLocal<Offer> OFFERED = new ThreadLocal<>();

    private ContainerCreation() {
    }

    /** {@code modifyHandshake} accepted {@code c}: its instance may be created on this thread. */
    public static void offer(SwitchboardConnection c, Class<?> endpointClass) {
        c.finishAfterOnClose();
        OFFERED.set(new Offer(c, endpointClass));
    }

    /** Forgets any offer left on this thread (the guard filter, at the start of each request). */
    public static void clear() {
        OFFERED.remove();
    }

    /** The connection offered on this thread for an instance of {@code type}, removed; or null. */
    static SwitchboardConnection take(Class<?> type) {
        Offer o = OFFERED.get();
        if (o == null) {
            return null;
        }
        OFFERED.remove();
        return o.endpointClass() == type ? o.connection() : null;
    }

    /**
     * Whether {@code session} belongs to another connection than {@code c}, the one the instance
     * was created for: then the session is closed with 1011 and the callback must not run.
     */
    static boolean mismatch(SwitchboardConnection c, Session session) {
        SwitchboardConnection own = SwitchboardConnection.of(session);
        if (own == null || own == c) {
            return false;
        }
        LOG.log(Level.ERROR, "SWB-1120 an endpoint instance created for " + c + " was called for "
                + own + "; closing that session with 1011");
        close(session, 1011, "Unexpected condition");
        return true;
    }

    /**
     * The fallback refusal: when {@code session}'s handshake was refused, closes it with the
     * refusal's code, destroys the unbound {@code instance} and returns true (the callback must
     * not run).
     */
    static boolean refuseIfMarked(Session session, Object instance) {
        if (!(session.getUserProperties().get(REFUSED_PROPERTY) instanceof Integer code)) {
            return false;
        }
        close(session, code, code == 4401 ? "Unauthorized" : code == 4403 ? "Forbidden"
                : code == 1011 ? "Unexpected condition" : "Refused");
        ConnectionServices.endpoints().released(instance);
        return true;
    }

    private static void close(Session session, int code, String reason) {
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "closing " + session.getId() + " with " + code + " failed", e);
        }
    }
}
