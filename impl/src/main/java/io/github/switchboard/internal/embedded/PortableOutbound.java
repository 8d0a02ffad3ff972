package io.github.switchboard.internal.embedded;

import io.github.switchboard.internal.cdi.Settings;
import io.github.switchboard.internal.tyrusservlet.TyrusSessions;
import jakarta.websocket.Session;
import java.util.Locale;
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
 * reflectively by {@link TyrusSessions} (the same lookup the GlassFish upgrade handler uses),
 * checked once when the server starts. Immutable; thread-safe.
 */
final class PortableOutbound {

    /** The setting's name. */
    static final String SETTING = "switchboard.outbound";

    private static final PortableOutbound INSTANCE = new PortableOutbound();

    private PortableOutbound() {
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
                String problem = TyrusSessions.problem();
                if (problem != null) {
                    throw new IllegalStateException("SWB-2007 " + SETTING + "=portable cannot "
                            + "find a connection's session in this Tyrus version (" + problem
                            + "); leave the setting unset to use the fast path");
                }
                return INSTANCE;
            default:
                throw new IllegalStateException("SWB-2006 setting " + SETTING + " must be fast "
                        + "or portable, not \"" + value + "\"");
        }
    }

    /** The session Tyrus created for {@code connection}, or null when it has none (refused). */
    Session session(Connection connection) {
        return TyrusSessions.of(connection);
    }
}
