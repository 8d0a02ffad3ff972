package io.github.switchboard.internal.tyrusservlet;

import io.github.switchboard.internal.cdi.Current;
import io.github.switchboard.internal.cdi.IoSlot;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpUpgradeHandler;
import java.io.IOException;
import java.util.Locale;
import org.glassfish.tyrus.servlet.TyrusHttpUpgradeHandler;

/**
 * The filter in front of Tyrus's own: for a WebSocket upgrade request it opens an I/O slot for
 * the rest of the chain, which {@code modifyHandshake} fills with the connection it accepts
 * (as the embedded gate's slot is filled), and hands Tyrus a request whose
 * {@code upgrade(TyrusHttpUpgradeHandler.class)} creates a {@link MarkedUpgradeHandler} bound to
 * that connection instead. The slot lives only while this request runs the chain, on this
 * thread; it carries no handshake data. Other requests pass untouched. Stateless; thread-safe.
 */
final class UpgradeMarking implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !isWebSocketUpgrade(http)) {
            chain.doFilter(request, response);
            return;
        }
        IoSlot slot = new IoSlot();
        IoSlot previous = Current.enterIo(slot);
        try {
            chain.doFilter(new Marked(http, slot), response);
        } finally {
            Current.exitIo(previous);
        }
    }

    private static boolean isWebSocketUpgrade(HttpServletRequest request) {
        String upgrade = request.getHeader("Upgrade");
        return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    }

    /** The request Tyrus upgrades: its upgrade handler knows the connection. */
    private static final class Marked extends HttpServletRequestWrapper {

        private final IoSlot slot;

        Marked(HttpServletRequest request, IoSlot slot) {
            super(request);
            this.slot = slot;
        }

        @Override
        public <T extends HttpUpgradeHandler> T upgrade(Class<T> handlerClass)
                throws IOException, ServletException {
            if (handlerClass != TyrusHttpUpgradeHandler.class || slot.connection() == null) {
                return super.upgrade(handlerClass); // not Tyrus's, or not a Switchboard endpoint
            }
            MarkedUpgradeHandler handler = super.upgrade(MarkedUpgradeHandler.class);
            handler.bind(slot);
            return handlerClass.cast(handler);
        }
    }
}
