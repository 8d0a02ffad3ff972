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
 * <p><b>The session and the end.</b> The instance is created before Undertow's session, and no
 * standard callback says when the container is done with it. So the connection gets the portable
 * transport when its instance is created (what {@code @OnOpen} sends waits in it), and the
 * container's {@link ContainerHooks} (installed at deployment, {@link #install}) find its session
 * at its first callback without a {@code Session} parameter and report the release of its
 * instance, which finishes it whether or not the endpoint has {@code @OnClose}. Without hooks a
 * connection binds at its first callback that declares a {@code Session} and is finished when
 * its {@code @OnClose} returns. The opened event fires after {@code @OnOpen} returns, or before
 * the first other callback of an endpoint that has none.
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

    private static volatile ContainerHooks hooks = ContainerHooks.NONE;

    private static final ClassValue<Boolean> HAS_ON_OPEN = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
                for (java.lang.reflect.Method m : k.getDeclaredMethods()) {
                    if (m.isAnnotationPresent(jakarta.websocket.OnOpen.class)) {
                        return true;
                    }
                }
            }
            return jakarta.websocket.Endpoint.class.isAssignableFrom(type);
        }
    };

    private ContainerCreation() {
    }

    /** {@code modifyHandshake} accepted {@code c}: its instance may be created on this thread. */
    public static void offer(SwitchboardConnection c, Class<?> endpointClass) {
        c.createdByContainer();
        OFFERED.set(new Offer(c, endpointClass));
    }

    /** The container's hooks, found when the application starts; replaces earlier ones. */
    public static void install(ContainerHooks h) {
        hooks = h == null ? ContainerHooks.NONE : h;
    }

    /**
     * {@code instance} was created for {@code c} inside {@code getEndpointInstance}: sends wait
     * for the session from now on, and the container reports the instance's release if its
     * hooks can arrange that.
     */
    static void created(SwitchboardConnection c, Object instance) {
        c.attachPortable();
        if (hooks.handOver(instance)) {
            c.releaseObserved();
        }
    }

    /**
     * Before a callback of {@code c}, a connection created here: binds its session once (the
     * callback's {@code session}, or the one the hooks find for the endpoint {@code instance}).
     * False when {@code session} belongs to another connection: then it was closed with 1011 and
     * the callback must not run.
     */
    static boolean beforeCallback(SwitchboardConnection c, Session session, Object instance) {
        if (session != null && mismatch(c, session)) {
            return false;
        }
        if (!c.sessionClaimed()) {
            Session s = session != null ? session : hooks.sessionOf(c, instance);
            if (s != null) {
                bind(c, s);
            }
        }
        return true;
    }

    /**
     * Binds {@code session} to {@code c} and has Switchboard check the client's message sizes and
     * rate, unless {@code c} already has its session. For the hooks, which bind every session
     * they come across.
     */
    public static void bind(SwitchboardConnection c, Session session) {
        if (c.claimSession()) {
            boolean attached = c.transport() != null;
            c.bindSession(session); // attaches and limits itself when nothing was attached
            if (attached) {
                c.limitClientMessages(session);
            }
        }
    }

    /**
     * Whether the opened event of a connection created here fires before a callback of this
     * endpoint class other than {@code @OnOpen}: when it has no {@code @OnOpen} (Undertow calls
     * {@code @OnOpen} first when there is one; the event fires after it returns).
     */
    static boolean opensBeforeOtherCallbacks(Class<?> endpoint) {
        return !HAS_ON_OPEN.get(endpoint);
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
