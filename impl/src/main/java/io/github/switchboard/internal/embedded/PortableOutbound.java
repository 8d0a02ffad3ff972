package io.github.switchboard.internal.embedded;

import io.github.switchboard.internal.cdi.Settings;
import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Locale;
import org.glassfish.tyrus.core.TyrusWebSocket;
import org.glassfish.tyrus.spi.Connection;

/**
 * The {@code switchboard.outbound} setting ({@code fast}, the default, or {@code portable}) and
 * what the portable mode needs of Tyrus: the session of a connection Tyrus has just created.
 * With {@code portable} the embedded server sends through the JSR session's asynchronous remote,
 * as on containers without the embedded gate (DESIGN.md §5), instead of framing into the
 * connection's buffer: a fallback, and how the tests run the topics suite on both paths.
 *
 * <p>Tyrus has no public way from its connection to its session before a callback names it, and
 * an {@code @OnOpen} without a {@code Session} parameter names none; so the session is read
 * reflectively (the connection's socket, its endpoint wrapper's session of that socket), checked
 * once when the server starts. Immutable; thread-safe.
 */
final class PortableOutbound {

    /** The setting's name. */
    static final String SETTING = "switchboard.outbound";

    private final Field socket;
    private final Field wrapper;
    private final Method sessionOf;

    private PortableOutbound() throws ReflectiveOperationException {
        Class<?> connection = Class.forName(
                "org.glassfish.tyrus.core.TyrusWebSocketEngine$TyrusConnection", false,
                TyrusWebSocket.class.getClassLoader());
        socket = connection.getDeclaredField("socket");
        wrapper = TyrusWebSocket.class.getDeclaredField("endpointWrapper");
        sessionOf = wrapper.getType().getDeclaredMethod("getSession", TyrusWebSocket.class);
        socket.setAccessible(true);
        wrapper.setAccessible(true);
        sessionOf.setAccessible(true);
    }

    /**
     * The portable mode when the setting asks for it, else null (the fast path).
     *
     * @throws IllegalStateException naming the setting when its value is neither {@code fast}
     *         nor {@code portable} ({@code SWB-2006}), or when this Tyrus lacks what the portable
     *         mode reads ({@code SWB-2007})
     */
    static PortableOutbound fromSettings() {
        String value = Settings.get(SETTING).orElse("fast").toLowerCase(Locale.ROOT);
        switch (value) {
            case "fast":
                return null;
            case "portable":
                try {
                    return new PortableOutbound();
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalStateException("SWB-2007 " + SETTING + "=portable cannot "
                            + "find a connection's session in this Tyrus version (" + e + "); "
                            + "leave the setting unset to use the fast path", e);
                }
            default:
                throw new IllegalStateException("SWB-2006 setting " + SETTING + " must be fast "
                        + "or portable, not \"" + value + "\"");
        }
    }

    /** The session Tyrus created for {@code connection}, or null when it has none (refused). */
    Session session(Connection connection) {
        try {
            Object s = socket.get(connection);
            Object w = wrapper.get(s);
            return w == null ? null : (Session) sessionOf.invoke(w, s);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Checked at start-up; a connection that is not Tyrus's own has no session to bind.
            return null;
        }
    }
}
