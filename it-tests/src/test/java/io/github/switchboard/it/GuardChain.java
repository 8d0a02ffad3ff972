package io.github.switchboard.it;

import io.github.switchboard.Attachments;
import io.github.switchboard.GuardResult;
import io.github.switchboard.Handshake;
import io.github.switchboard.HandshakeGuard;
import io.github.switchboard.Key;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Guards that record their order, pass data down the chain and apply to chosen endpoints. */
final class GuardChain {

    static final Key<String> USER = Key.of("user", String.class);
    static final Queue<String> CALLS = new ConcurrentLinkedQueue<>();
    static final AtomicInteger DEPENDENT_CREATED = new AtomicInteger();
    static final AtomicInteger DEPENDENT_DESTROYED = new AtomicInteger();

    private GuardChain() {
    }

    static void reset() {
        CALLS.clear();
        DEPENDENT_CREATED.set(0);
        DEPENDENT_DESTROYED.set(0);
        REQUEST_SCOPED_CREATED.set(0);
    }

    /** Authenticates: runs first, attaches the user from a token header. */
    @ApplicationScoped
    public static class Authenticate implements HandshakeGuard {
        @Override
        public GuardResult check(Handshake h, Attachments attached) {
            CALLS.add("authenticate");
            return h.header("x-token").map(t -> (GuardResult) GuardResult.accept(USER, t.substring(4)))
                    .orElse(GuardResult.reject(401, "Unauthorized"));
        }

        @Override
        public int order() {
            return -10;
        }
    }

    /** Authorises with what the first guard attached; a new instance per handshake. */
    @Dependent
    public static class Authorize implements HandshakeGuard {
        public Authorize() {
            DEPENDENT_CREATED.incrementAndGet();
        }

        @PreDestroy
        void destroyed() {
            DEPENDENT_DESTROYED.incrementAndGet();
        }

        @Override
        public GuardResult check(Handshake h, Attachments attached) {
            CALLS.add("authorize");
            return attached.require(USER).equals("mallory") ? GuardResult.reject(403, "Forbidden")
                    : GuardResult.accept();
        }

        @Override
        public int order() {
            return 10;
        }
    }

    static final AtomicInteger REQUEST_SCOPED_CREATED = new AtomicInteger();

    /** A request-scoped guard: one instance per handshake, in the handshake's request context. */
    @jakarta.enterprise.context.RequestScoped
    public static class PerRequest implements HandshakeGuard {
        private int calls;

        @jakarta.annotation.PostConstruct
        void created() {
            REQUEST_SCOPED_CREATED.incrementAndGet();
        }

        @Override
        public GuardResult check(Handshake h, Attachments attached) {
            calls++;
            return calls == 1 ? GuardResult.accept()
                    : GuardResult.reject(500, "Request Scope Shared Across Handshakes");
        }
    }

    /** Applies only to the admin endpoint. */
    @ApplicationScoped
    public static class AdminOnly implements HandshakeGuard {
        @Override
        public GuardResult check(Handshake h, Attachments attached) {
            CALLS.add("admin-only");
            return attached.require(USER).equals("root") ? GuardResult.accept()
                    : GuardResult.reject(403, "Admins Only");
        }

        @Override
        public int order() {
            return 20;
        }

        @Override
        public boolean appliesTo(Class<?> endpointClass) {
            return endpointClass == AdminEndpoint.class;
        }
    }

    @ServerEndpoint(value = "/user", configurator = SwitchboardConfigurator.class)
    public static class UserEndpoint {
        @OnOpen
        public void open(Session s) throws IOException {
            s.getBasicRemote().sendText("user " + io.github.switchboard.Attachments.of(s).require(USER));
        }
    }

    @ServerEndpoint(value = "/admin", configurator = SwitchboardConfigurator.class)
    public static class AdminEndpoint {
        @OnOpen
        public void open(Session s) throws IOException {
            s.getBasicRemote().sendText("admin " + io.github.switchboard.Attachments.of(s).require(USER));
        }
    }
}
