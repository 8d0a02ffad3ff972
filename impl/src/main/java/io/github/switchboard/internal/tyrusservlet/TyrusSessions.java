package io.github.switchboard.internal.tyrusservlet;

import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.glassfish.tyrus.core.TyrusWebSocket;
import org.glassfish.tyrus.spi.Connection;

/**
 * The session Tyrus created for a connection it has just opened. Tyrus has no public way from
 * its connection to its session before a callback names it, and an {@code @OnOpen} without a
 * {@code Session} parameter names none; so it is read reflectively, as the embedded server's
 * portable mode does: the connection's socket, its endpoint wrapper, the wrapper's session of
 * that socket (the same members in Tyrus 2.1.5 and 2.2.2). Checked once, when the application
 * starts ({@link #problem}). Used by the GlassFish upgrade handler and by the embedded server's
 * portable mode; it touches Tyrus's core only, never the Servlet API. Immutable; thread-safe.
 */
public final class TyrusSessions {

    private static final TyrusSessions INSTANCE;
    private static final String PROBLEM;

    static {
        TyrusSessions found = null;
        String problem = null;
        try {
            found = new TyrusSessions();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            problem = e.toString();
        }
        INSTANCE = found;
        PROBLEM = problem;
    }

    private final Field socket;
    private final Field wrapper;
    private final Method sessionOf;

    private TyrusSessions() throws ReflectiveOperationException {
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

    /** Null when the session can be read; otherwise what is missing. */
    public static String problem() {
        return PROBLEM;
    }

    /** The session Tyrus created for {@code connection}, or null when it has none (refused). */
    public static Session of(Connection connection) {
        TyrusSessions s = INSTANCE;
        if (s == null || connection == null) {
            return null;
        }
        try {
            Object webSocket = s.socket.get(connection);
            Object w = s.wrapper.get(webSocket);
            return w == null ? null : (Session) s.sessionOf.invoke(w, webSocket);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Checked at start-up; a connection that is not Tyrus's own has no session to read.
            return null;
        }
    }
}
