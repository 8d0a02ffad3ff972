package io.github.switchboard.internal.tyrusservlet;

import io.github.switchboard.internal.cdi.Current;
import io.github.switchboard.internal.cdi.IoSlot;
import io.github.switchboard.internal.cdi.SwitchboardConnection;
import jakarta.servlet.http.WebConnection;
import jakarta.websocket.Session;
import org.glassfish.tyrus.servlet.TyrusHttpUpgradeHandler;
import org.glassfish.tyrus.spi.Connection;
import org.glassfish.tyrus.spi.WebSocketEngine;
import org.glassfish.tyrus.spi.Writer;

/**
 * Tyrus's upgrade handler for a connection Switchboard accepted: every container call into it
 * (its start, each read, the end) runs with that connection's I/O slot current, so the endpoint
 * instance Tyrus creates lazily inside one of them is created for this connection and
 * per-connection values can be injected as fields (DESIGN.md §5). Where Tyrus creates its
 * connection the Switchboard connection gets its transport before {@code @OnOpen} runs and its
 * session right after, so no callback needs a {@code Session} parameter, and its opened event
 * fires; when the container ends the upgraded connection, the Switchboard connection has ended.
 *
 * <p>Created by the Servlet container ({@code HttpServletRequest.upgrade}) with the public
 * no-argument constructor, bound once by {@link UpgradeMarking} before the container starts it.
 * The container calls it from its own threads; the binding is published through a volatile field.
 */
public class MarkedUpgradeHandler extends TyrusHttpUpgradeHandler {

    private volatile IoSlot slot;

    /** For the Servlet container. */
    public MarkedUpgradeHandler() {
    }

    void bind(IoSlot s) {
        this.slot = s;
    }

    @Override
    public void preInit(WebSocketEngine.UpgradeInfo info, Writer writer, boolean authenticated) {
        IoSlot s = slot;
        SwitchboardConnection c = s == null ? null : s.connection();
        super.preInit(c == null ? info : new Opening(info, c), writer, authenticated);
    }

    @Override
    public void init(WebConnection wc) {
        IoSlot previous = Current.enterIo(slot);
        try {
            super.init(wc); // Tyrus creates its connection here: the endpoint, @OnOpen
        } finally {
            Current.exitIo(previous);
        }
    }

    @Override
    public void onDataAvailable() {
        IoSlot s = slot;
        if (s == null) {
            super.onDataAvailable();
            return;
        }
        // A read counts as a running callback of its connection, as the embedded gate's do, so
        // the connection is not finished under a programmatic MessageHandler.
        IoSlot previous = Current.ioSlot();
        Current.enterRead(s);
        try {
            super.onDataAvailable();
        } finally {
            Current.exitRead();
            Current.exitIo(previous);
        }
    }

    @Override
    public void onAllDataRead() {
        IoSlot previous = Current.enterIo(slot);
        try {
            super.onAllDataRead();
        } finally {
            Current.exitIo(previous);
            ended();
        }
    }

    @Override
    public void onError(Throwable t) {
        IoSlot previous = Current.enterIo(slot);
        try {
            super.onError(t);
        } finally {
            Current.exitIo(previous);
            ended();
        }
    }

    @Override
    public void destroy() {
        IoSlot previous = Current.enterIo(slot);
        try {
            super.destroy();
        } finally {
            Current.exitIo(previous);
            ended();
        }
    }

    @Override
    public void sessionDestroyed() {
        IoSlot previous = Current.enterIo(slot);
        try {
            super.sessionDestroyed();
        } finally {
            Current.exitIo(previous);
        }
    }

    /** The container has ended the upgraded connection: nothing more will be read or written. */
    private void ended() {
        IoSlot s = slot;
        SwitchboardConnection c = s == null ? null : s.connection();
        if (c != null) {
            c.ended();
        }
    }

    /**
     * Where Tyrus creates its connection (inside {@link #init}, with the slot current): the
     * portable transport is attached first, so what {@code @OnOpen} sends waits in it, the
     * session is bound once Tyrus has created it, and the opened event fires after
     * {@code @OnOpen}, as on the embedded server.
     */
    private static final class Opening implements WebSocketEngine.UpgradeInfo {

        private final WebSocketEngine.UpgradeInfo info;
        private final SwitchboardConnection c;

        Opening(WebSocketEngine.UpgradeInfo info, SwitchboardConnection c) {
            this.info = info;
            this.c = c;
        }

        @Override
        public WebSocketEngine.UpgradeStatus getStatus() {
            return info.getStatus();
        }

        @Override
        public Connection createConnection(Writer writer, Connection.CloseListener closeListener) {
            c.attachPortable();
            Connection tyrus = info.createConnection(writer, closeListener);
            Session session = TyrusSessions.of(tyrus);
            if (session != null) {
                c.bindSession(session);
                c.limitClientMessages(session); // no gate reads the frames here
                c.opened();
            }
            return tyrus;
        }
    }
}
