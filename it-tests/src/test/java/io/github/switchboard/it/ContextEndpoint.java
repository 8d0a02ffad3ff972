package io.github.switchboard.it;

import io.github.switchboard.Attachments;
import io.github.switchboard.Handshake;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** Tells each client what its own handshake context says. */
@ServerEndpoint(value = "/ctx/{room}", configurator = SwitchboardConfigurator.class,
        subprotocols = {"chat.v1", "chat.v2"})
public class ContextEndpoint {

    static final AtomicInteger INSTANCES = new AtomicInteger();
    static final AtomicInteger OPENS = new AtomicInteger();
    static final AtomicInteger MESSAGES = new AtomicInteger();

    public ContextEndpoint() {
        INSTANCES.incrementAndGet();
    }

    static void reset() {
        INSTANCES.set(0);
        OPENS.set(0);
        MESSAGES.set(0);
    }

    @OnOpen
    public void open(Session session) throws IOException {
        OPENS.incrementAndGet();
        session.getBasicRemote().sendText(describe(session));
    }

    @OnMessage
    public String echo(String message, Session session) {
        MESSAGES.incrementAndGet();
        return message.equals("describe") ? describe(session) : message;
    }

    static String describe(Session session) {
        Handshake h = Handshake.of(session);
        Attachments a = Attachments.of(session);
        return "id=" + h.header("X-Id").orElse("-")
                + "\nsid=" + h.cookie("sid").orElse("-")
                + "\nprefs=" + h.cookie("prefs").orElse("-")
                + "\ntheme=" + h.cookie("theme").orElse("-")
                + "\nq=" + h.queryParameters("q")
                + "\nroom=" + h.pathParameter("room").orElse("-")
                + "\ntenant=" + a.get(TestGuard.Tenant.class).map(TestGuard.Tenant::name).orElse("-")
                + "\nguardId=" + a.get(TestGuard.ID).orElse("-")
                + "\ntrusted=" + h.cookiesTrusted()
                + "\nprotocols=" + h.subprotocols()
                + "\nagent=" + h.headers("user-agent")
                + "\nremotePort=" + h.remoteAddress().map(r -> r.getPort()).orElse(-1)
                + "\npath=" + h.path()
                + "\nheaderNames=" + h.headerNames();
    }
}
