package io.github.switchboard.it;

import io.github.switchboard.Attachments;
import io.github.switchboard.Connection;
import io.github.switchboard.ConnectionClosed;
import io.github.switchboard.ConnectionData;
import io.github.switchboard.ConnectionError;
import io.github.switchboard.ConnectionOpened;
import io.github.switchboard.ConnectionScoped;
import io.github.switchboard.Cookie;
import io.github.switchboard.GuardResult;
import io.github.switchboard.Handshake;
import io.github.switchboard.HandshakeGuard;
import io.github.switchboard.Header;
import io.github.switchboard.PathValue;
import io.github.switchboard.Query;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InterceptorBinding;
import jakarta.interceptor.InvocationContext;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/** The beans of {@link InjectionTest}: one endpoint that uses every kind of injection. */
final class Injected {

    private Injected() {
    }

    static final AtomicInteger ENDPOINTS_CREATED = new AtomicInteger();
    static final AtomicInteger ENDPOINTS_DESTROYED = new AtomicInteger();
    static final AtomicInteger SCOPED_CREATED = new AtomicInteger();
    static final AtomicInteger SCOPED_DESTROYED = new AtomicInteger();
    static final AtomicInteger REQUEST_CREATED = new AtomicInteger();
    static final Queue<String> EVENTS = new ConcurrentLinkedQueue<>();
    static final Queue<String> INTERCEPTED = new ConcurrentLinkedQueue<>();
    static final java.util.Map<String, Connection> OPEN = new java.util.concurrent.ConcurrentHashMap<>();
    static final java.util.concurrent.CountDownLatch ASYNC = new java.util.concurrent.CountDownLatch(1);
    /** Released by each endpoint's {@code @PreDestroy}. */
    static final Semaphore ENDPOINT_GONE = new Semaphore(0);
    /** Released by each {@link Tally}'s {@code @PreDestroy}. */
    static final Semaphore TALLY_GONE = new Semaphore(0);

    private static final Object LOCK = new Object();
    /** Endpoints and tallies alive now; guarded by LOCK. */
    private static int alive;

    static void born() {
        synchronized (LOCK) {
            alive++;
        }
    }

    static void died() {
        synchronized (LOCK) {
            alive--;
            LOCK.notifyAll();
        }
    }

    /** Waits until every endpoint and tally has been destroyed; false on timeout. */
    static boolean awaitNoneAlive(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        synchronized (LOCK) {
            while (alive > 0) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                LOCK.wait(left);
            }
            return true;
        }
    }

    static void reset() {
        ENDPOINTS_CREATED.set(0);
        ENDPOINTS_DESTROYED.set(0);
        SCOPED_CREATED.set(0);
        SCOPED_DESTROYED.set(0);
        REQUEST_CREATED.set(0);
        EVENTS.clear();
        INTERCEPTED.clear();
        OPEN.clear();
        ENDPOINT_GONE.drainPermits();
        TALLY_GONE.drainPermits();
    }

    /** Attached by {@link Login} from the {@code X-User} header. */
    @ConnectionData
    record User(String name) {
    }

    /** A value attached under a named key, read by key. */
    static final io.github.switchboard.Key<String> TIER = io.github.switchboard.Key.of("tier", String.class);

    /** Never attached: injected as {@code Optional}. */
    @ConnectionData
    record Badge(String id) {
    }

    @Dependent
    static class Login implements HandshakeGuard {
        @Override
        public GuardResult check(Handshake handshake, Attachments attached) {
            return handshake.header("X-User").<GuardResult>map(u -> GuardResult.accept(User.class, new User(u))
                    .with(TIER, "gold"))
                    .orElseGet(() -> GuardResult.reject(401, "Who Are You"));
        }
    }

    /** Counts the messages of one connection; destroyed with it. */
    @ConnectionScoped
    static class Tally {
        private final AtomicInteger messages = new AtomicInteger();
        @Inject
        Connection connection;

        @PostConstruct
        void created() {
            born();
            SCOPED_CREATED.incrementAndGet();
        }

        @PreDestroy
        void destroyed() {
            SCOPED_DESTROYED.incrementAndGet();
            TALLY_GONE.release();
            died();
        }

        int next() {
            return messages.incrementAndGet();
        }

        String owner() {
            return connection.id();
        }
    }

    /** One per message. */
    @RequestScoped
    static class PerMessage {
        private final int number = REQUEST_CREATED.incrementAndGet();

        int number() {
            return number;
        }
    }

    /** A dependent helper that an application-scoped bean holds: it must get stand-ins too. */
    @Dependent
    static class Helper {
        @Inject
        Connection connection;

        String who() {
            return connection.id();
        }
    }

    /** Application-wide; sees the running connection through stand-ins. */
    @ApplicationScoped
    static class Presence {
        @Inject
        Connection connection;
        @Inject
        Handshake handshake;
        @Inject
        Helper helper;

        String whoIsRunning() {
            return connection.id() + " " + handshake.path();
        }

        String helperSees() {
            return helper.who();
        }
    }

    @InterceptorBinding
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @interface Audited {
    }

    @Audited
    @Interceptor
    @Priority(Interceptor.Priority.APPLICATION)
    static class AuditInterceptor {
        @Inject
        Connection connection;

        @AroundInvoke
        Object audit(InvocationContext ic) throws Exception {
            INTERCEPTED.add(ic.getMethod().getName() + " " + connection.current().id());
            return ic.proceed();
        }
    }

    /** Decorated by {@link Shouting}. */
    public interface Echo {
        String echo(String text);
    }

    @Decorator
    @Priority(Interceptor.Priority.APPLICATION)
    abstract static class Shouting implements Echo {
        @Inject
        @Delegate
        Echo delegate;

        @Override
        public String echo(String text) {
            return delegate.echo(text).toUpperCase(java.util.Locale.ROOT);
        }
    }

    @Dependent
    @ServerEndpoint(value = "/inj/{room}", configurator = SwitchboardConfigurator.class)
    public static class Endpoint implements Echo {

        private final Connection connection;
        private final String tenant;

        @Inject
        @Cookie("session")
        Optional<String> session;
        @Inject
        @Query("tag")
        List<String> tags;
        @Inject
        @PathValue("room")
        String room;
        @Inject
        User user;
        @Inject
        Optional<Badge> badge;
        @Inject
        Attachments attachments;
        @Inject
        Tally tally;
        @Inject
        Presence presence;
        @Inject
        jakarta.enterprise.inject.Instance<PerMessage> perMessage;
        @Inject
        jakarta.enterprise.inject.Instance<Trace> trace;
        private Handshake handshake;

        @Inject
        Endpoint(Connection connection, @Header("X-Tenant") String tenant) {
            this.connection = connection;
            this.tenant = tenant;
        }

        @Inject
        void initialize(Handshake handshake) {
            this.handshake = handshake;
        }

        @PostConstruct
        void created() {
            born();
            ENDPOINTS_CREATED.incrementAndGet();
        }

        @PreDestroy
        void destroyed() {
            ENDPOINTS_DESTROYED.incrementAndGet();
            ENDPOINT_GONE.release();
            died();
        }

        @OnOpen
        public void open() {
            OPEN.put(connection.id(), connection);
            connection.send("tenant=" + tenant + " room=" + room + " user=" + user.name()
                    + " session=" + session.orElse("-") + " tags=" + tags + " badge="
                    + badge.map(Badge::id).orElse("-") + " path=" + handshake.path() + " tier="
                    + connection.data(TIER).orElse("-") + "/" + attachments.get(TIER).orElse("-"));
        }

        @Audited
        @OnMessage
        public String echo(String text) {
            return switch (text) {
                case "tally" -> "tally " + tally.next() + " " + tally.owner().equals(connection.id());
                case "request" -> "request " + perMessage.get().number() + " "
                        + perMessage.get().number();
                case "trace" -> "trace " + trace.get().id();
                case "presence" -> "presence " + presence.whoIsRunning().equals(connection.id()
                        + " " + handshake.path()) + " " + presence.helperSees().equals(connection.id());
                case "fail" -> throw new IllegalStateException("asked to fail");
                case "close" -> {
                    connection.close(4000, "asked to close");
                    yield "closing";
                }
                default -> text;
            };
        }

        @OnMessage
        public void pong(jakarta.websocket.PongMessage pong) {
            connection.send("pong " + java.nio.charset.StandardCharsets.UTF_8.decode(
                    pong.getApplicationData()) + " tally " + tally.next());
        }

        @OnClose
        public void closed(CloseReason reason) {
            EVENTS.add("onclose " + reason.getCloseCode().getCode());
        }
    }

    /** Needs a header only some clients send; created at the first "trace" message. */
    @ConnectionScoped
    static class Trace {
        @Inject
        @Header("X-Trace")
        String trace;

        String id() {
            return trace;
        }
    }

    /** A programmatic endpoint: a CDI bean like the annotated ones. */
    @Dependent
    public static class Feed extends jakarta.websocket.Endpoint {
        @Inject
        Connection connection;
        @Inject
        @Header("X-Tenant")
        Optional<String> tenant;
        @Inject
        Tally tally;

        @PostConstruct
        void created() {
            born();
        }

        @Override
        public void onOpen(jakarta.websocket.Session session, jakarta.websocket.EndpointConfig config) {
            session.addMessageHandler(String.class, text -> connection.send("feed " + text + " "
                    + tally.next() + " " + tenant.orElse("-")));
            connection.send("feed open " + tally.next());
        }

        @PreDestroy
        void destroyed() {
            ENDPOINTS_DESTROYED.incrementAndGet();
            ENDPOINT_GONE.release();
            died();
        }
    }

    /** Records the lifecycle events; one observer throws first, to prove the others still run. */
    @ApplicationScoped
    static class Recorder {
        void first(@Observes @Priority(1) ConnectionOpened e) {
            throw new IllegalStateException("a broken observer");
        }

        void opened(@Observes @Priority(2) ConnectionOpened e, Tally tally) {
            EVENTS.add("opened " + e.connection().isOpen() + " " + (tally != null));
        }

        void closed(@Observes ConnectionClosed e) {
            EVENTS.add("closed " + e.reason().getCloseCode().getCode() + " "
                    + e.connection().isOpen());
        }

        void failed(@Observes ConnectionError e) {
            EVENTS.add("error " + e.error().getMessage());
        }

        void ponged(@Observes io.github.switchboard.ConnectionPong e, Tally tally) {
            EVENTS.add("pong event tally " + tally.next());
        }

        void openedLater(@ObservesAsync ConnectionOpened e) {
            EVENTS.add("async opened");
            ASYNC.countDown();
        }
    }
}
