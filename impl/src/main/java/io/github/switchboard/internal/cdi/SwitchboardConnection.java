package io.github.switchboard.internal.cdi;

import io.github.switchboard.Attachments;
import io.github.switchboard.Connection;
import io.github.switchboard.Handshake;
import io.github.switchboard.Key;
import io.github.switchboard.PublishResult;
import io.github.switchboard.SendResult;
import io.github.switchboard.TopicPolicy;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connection object behind {@link Connection}: created by {@code modifyHandshake} once the
 * guards accepted, kept in the handshake's user properties (and so in the session's), and ended
 * exactly once.
 *
 * <p><b>Life and death.</b> The connection has <em>ended</em> when its transport is gone (the
 * embedded gate saw the TCP connection close, or a handshake that created it did not upgrade)
 * or Tyrus released its endpoint instance after {@code @OnClose}. It is <em>finished</em> (its
 * closed event fired, its endpoint and {@link io.github.switchboard.ConnectionScoped} beans
 * destroyed) at the first moment when it has ended, Tyrus holds no endpoint instance of it and no
 * callback of it is running. Tyrus may run {@code @OnClose} while an {@code @OnMessage} still
 * runs on another thread (DESIGN.md §4), so the last of those three events to happen does the
 * finishing, whichever thread it is on.
 *
 * <p>Thread-safety: the lifecycle fields are guarded by {@code this}; events, destruction and
 * sends run outside the lock. Everything else is immutable, volatile or concurrent.
 */
public final class SwitchboardConnection implements Connection {

    /** The user-property key under which the handshake stores the connection. */
    public static final String USER_PROPERTY = "io.github.switchboard.Connection";

    private static final System.Logger LOG = System.getLogger(SwitchboardConnection.class.getName());
    private static final CloseReason ABNORMAL =
            new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "");

    private final String id = UUID.randomUUID().toString();
    private final Handshake handshake;
    private final Attachments data;
    private final ConnectionServices services;
    private final Map<Key<?>, Object> attributes = new ConcurrentHashMap<>();
    private final Subscriptions subscriptions;
    /** The connection scope's beans. */
    final ScopeStore scope = new ScopeStore();

    private volatile Transport transport;
    /** The client's rate where the embedded gate does not count it; null: not counted here. */
    private volatile PortableLimits portableLimits;
    /** The first close frame sent or received; null before. */
    private volatile CloseReason closeReason;
    /** Set when a close frame was sent or received or the transport is gone: sends stop. */
    private volatile boolean closing;
    /** Set once the scope's beans have been destroyed: the scope is inactive from then on. */
    private volatile boolean scopeDestroyed;

    // Lifecycle: guarded by this.
    private int active;
    private boolean ended;
    private boolean opened;
    private boolean finished;
    private boolean endpointHeld;
    private Object endpoint;
    private Bean<Object> endpointBean;
    private CreationalContext<Object> endpointContext;

    private final EndpointOptions options;
    /** The credential expiry and this connection's place on the wheel. */
    private final ConnectionExpiry expiry;
    /** Whether this connection holds a place of the connection limits (embedded server only). */
    private final boolean holdsPlace;
    private final Encoders encoders;
    /** The remote address whose connection-limit place this connection holds until finished. */
    private final java.net.InetAddress place;

    /**
     * @param place      the remote address, for the connection limits
     * @param holdsPlace whether {@link ConnectionLimits#reserve} granted this connection a place,
     *                   which it gives back when it is finished
     * @param config     the endpoint's configuration: its encoders serve {@link #sendObject}
     */
    public SwitchboardConnection(Handshake handshake, Attachments data, ConnectionServices services,
            EndpointOptions options, java.net.InetAddress place, boolean holdsPlace,
            jakarta.websocket.EndpointConfig config) {
        this.holdsPlace = holdsPlace;
        this.encoders = new Encoders(config == null ? null : config.getEncoders(), config);
        this.subscriptions = new Subscriptions(this, services.topics(), options.maxSubscriptions());
        this.handshake = Objects.requireNonNull(handshake);
        this.data = Objects.requireNonNull(data);
        this.services = Objects.requireNonNull(services);
        this.options = Objects.requireNonNull(options);
        this.place = place;
        this.expiry = new ConnectionExpiry(this, data.get(EXPIRES_AT).orElse(null),
                () -> closing, ExpiryWheel.INSTANCE);
    }

    /** This connection's endpoint options. */
    public EndpointOptions options() {
        return options;
    }

    /** The connection stored in a session's user properties, or null. */
    public static SwitchboardConnection of(Session session) {
        return session.getUserProperties().get(USER_PROPERTY) instanceof SwitchboardConnection c
                ? c : null;
    }

    public ConnectionServices services() {
        return services;
    }

    // ---- Connection ----

    @Override
    public String id() {
        return id;
    }

    @Override
    public Handshake handshake() {
        return handshake;
    }

    @Override
    public Attachments data() {
        return data;
    }

    @Override
    public <T> Optional<T> attribute(Key<T> key) {
        Objects.requireNonNull(key, "key");
        return Optional.ofNullable(attributes.get(key)).map(key::cast);
    }

    @Override
    public <T> Optional<T> attribute(Key<T> key, T value) {
        Objects.requireNonNull(key, "key");
        Object previous = value == null ? attributes.remove(key)
                : attributes.put(key, key.cast(value));
        return Optional.ofNullable(previous).map(key::cast);
    }

    @Override
    public boolean isOpen() {
        return transport != null && !closing;
    }

    @Override
    public SendResult send(String text) {
        return sendMessage(Message.text(Objects.requireNonNull(text, "text")));
    }

    @Override
    public SendResult send(ByteBuffer data) {
        return sendMessage(Message.binary(Objects.requireNonNull(data, "data")));
    }

    @Override
    public SendResult sendObject(Object message) {
        return sendMessage(encoders.encode(Objects.requireNonNull(message, "message")));
    }

    @Override
    public PublishResult publishObject(String topic, Object message) {
        TopicRegistry.checkTopic(topic);
        if (!services.policies().allows(this, topic, TopicPolicy.Action.PUBLISH)) {
            return PublishResult.refused();
        }
        return services.topics().publish(topic,
                encoders.encode(Objects.requireNonNull(message, "message")), this);
    }

    /** Sends an encoded message: every send and every publish to this connection comes here. */
    SendResult sendMessage(Message message) {
        Transport t = transport;
        if (t == null || closing) {
            services.meters().delivery(SendResult.Status.CLOSED, message.bytes());
            return SendResult.closed();
        }
        SendResult r = t.send(message);
        services.meters().delivery(r.status(), message.bytes());
        if (r.status() == SendResult.Status.DROPPED && options.closeOnBackpressureLimit()) {
            close(1008, "backpressure limit");
        }
        return r;
    }

    // ---- topics ----

    @Override
    public boolean subscribe(String topic) {
        String checked = TopicRegistry.checkTopic(topic); // a bad name is refused in any state
        return !closing && !subscriptions.contains(checked)
                && services.policies().allows(this, checked, TopicPolicy.Action.SUBSCRIBE)
                && subscriptions.subscribe(checked);
    }

    @Override
    public boolean unsubscribe(String topic) {
        return subscriptions.unsubscribe(TopicRegistry.checkTopic(topic));
    }

    @Override
    public boolean isSubscribed(String topic) {
        return subscriptions.contains(TopicRegistry.checkTopic(topic));
    }

    @Override
    public Set<String> subscriptions() {
        return subscriptions.snapshot();
    }

    @Override
    public PublishResult publish(String topic, String text) {
        TopicRegistry.checkTopic(topic);
        Objects.requireNonNull(text, "text");
        if (!services.policies().allows(this, topic, TopicPolicy.Action.PUBLISH)) {
            return PublishResult.refused();
        }
        return services.topics().publish(topic, Message.text(text), this);
    }

    @Override
    public PublishResult publish(String topic, ByteBuffer data) {
        TopicRegistry.checkTopic(topic);
        Objects.requireNonNull(data, "data");
        if (!services.policies().allows(this, topic, TopicPolicy.Action.PUBLISH)) {
            return PublishResult.refused();
        }
        return services.topics().publish(topic, Message.binary(data), this);
    }

    /** Drops every subscription and refuses new ones: the connection is closing. Idempotent. */
    void dropSubscriptions() {
        subscriptions.close();
    }

    @Override
    public long bufferedAmount() {
        Transport t = transport;
        return t == null ? 0 : t.buffered();
    }

    @Override
    public void close(int code, String reason) {
        String text = reason == null ? "" : reason;
        checkCloseCode(code);
        if (text.getBytes(StandardCharsets.UTF_8).length > 123) {
            throw new IllegalArgumentException("a close reason holds at most 123 bytes of UTF-8");
        }
        Transport t = transport;
        if (t == null || closing) {
            return;
        }
        CloseReason r = new CloseReason(Frames.code(code), text);
        closing = true; // asked to close: nothing more is sent, whenever the close frame leaves
        // Tyrus runs @OnClose inside this call: name the connection for endpoint creation, and
        // count the call as a running callback, or a TCP close racing with it could finish the
        // connection before Tyrus creates the endpoint for @OnClose.
        SwitchboardConnection previous = Current.push(this);
        boolean entered = enter();
        try {
            t.close(r);
        } finally {
            Current.pop(previous);
            if (entered) {
                exit();
            }
        }
    }

    /** Close codes an endpoint may send (RFC 6455 §7.4). */
    static void checkCloseCode(int code) {
        boolean ok = code == 1000 || code == 1001 || code == 1003
                || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
        if (!ok) {
            throw new IllegalArgumentException("close code " + code + " may not be sent; use 1000, "
                    + "1001, 1003, 1007-1014 or 3000-4999");
        }
    }

    @Override
    public boolean run(Runnable action) {
        Objects.requireNonNull(action, "action");
        try {
            return within(() -> {
                action.run();
                return Boolean.TRUE;
            }) != null;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e); // cannot happen: a Runnable throws no checked one
        }
    }

    @Override
    public <T> T call(Callable<T> action) throws Exception {
        Objects.requireNonNull(action, "action");
        Object[] result = new Object[1];
        Boolean ran = within(() -> {
            result[0] = action.call();
            return Boolean.TRUE;
        });
        if (ran == null) {
            throw new IllegalStateException("SWB-1107 connection " + id + " has ended; the action "
                    + "did not run");
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    /** Runs {@code body} as a callback of this connection; null when the connection is finished. */
    private Boolean within(Callable<Boolean> body) throws Exception {
        if (!enter()) {
            return null;
        }
        SwitchboardConnection previous = Current.push(this);
        RequestScope request = RequestScope.NONE;
        try {
            request = services.activateRequestScope();
            return body.call();
        } finally {
            try {
                request.close();
            } finally {
                Current.pop(previous);
                exit();
            }
        }
    }

    @Override
    public Connection current() {
        return this;
    }

    // ---- credential expiry (issue 11 §2) ----

    @Override
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiry.at());
    }

    @Override
    public boolean extendUntil(Instant instant) {
        return expiry.extendUntil(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public String toString() {
        return "Connection[" + id + " " + handshake.path() + "]";
    }

    // ---- Switchboard's side ----

    /** The transport sends and closes go through, or null before it is attached. */
    public Transport transport() {
        return transport;
    }

    /** The transport is attached: sends and closes go through it from now on. */
    public void attach(Transport t) {
        this.transport = t;
        touch(); // idle from now on, not from the handshake
        expiry.attached();
        services.meters().opened();
        synchronized (this) {
            if (!finished) { // finish() removes it after this, never before
                services.topics().opened(this); // findable by id from @OnOpen on
            }
        }
    }

    /** What the outbound buffer reports: a failed write means the peer is gone. */
    public io.github.switchboard.internal.outbound.Outbound.Listener outboundListener() {
        return new io.github.switchboard.internal.outbound.Outbound.Listener() {
            @Override
            public void drained() {
                if (!services.events().observed(io.github.switchboard.ConnectionDrained.class)) {
                    return; // under load every batch can drain: nothing to activate for nobody
                }
                try {
                    within(() -> {
                        services.events().drained(SwitchboardConnection.this);
                        return Boolean.TRUE;
                    });
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "SWB-1109 announcing the drain of "
                            + SwitchboardConnection.this + " failed", e);
                }
            }

            @Override
            public void failed(Throwable cause) {
                closing = true;
            }
        };
    }

    /** Binds the JSR session where no better transport is attached (containers other than the gate's). */
    public void bindSession(Session session) {
        Transport t = transport;
        if (t == null) {
            limitClientMessages(session);
            attach(new SessionTransport(session, options.backpressureLimit(), outboundListener()));
        } else if (t instanceof SessionTransport portable) {
            portable.bind(session); // attached before @OnOpen (the embedded portable mode)
        }
    }

    /**
     * Has Switchboard check the size and rate of each client message before delivery, for a
     * connection whose frames no embedded gate reads (containers other than the embedded
     * server), and lowers the session's buffer sizes to the size limit.
     */
    public void limitClientMessages(Session session) {
        portableLimits = PortableLimits.apply(session, options);
    }

    /**
     * Checks one client message (the callback's {@code parameters}) where no embedded gate does:
     * over the size limit closes with 1009, over the rate with 1008, and answers false (the
     * message is not delivered).
     */
    boolean admitMessage(Object[] parameters) {
        PortableLimits limits = portableLimits;
        if (limits == null) {
            return true;
        }
        if (!limits.fits(parameters)) {
            close(1009, PortableLimits.TOO_BIG);
            return false;
        }
        if (!limits.admit()) {
            close(1008, PortableLimits.TOO_MANY);
            return false;
        }
        return true;
    }

    /**
     * Attaches the portable transport before its session exists (the embedded server with
     * {@code switchboard.outbound=portable}): sends and closes wait in it until
     * {@link #bindSession}.
     */
    public void attachPortable() {
        attach(new SessionTransport(options.backpressureLimit(), outboundListener()));
    }

    /** A close frame was sent or received (the first one names the close). */
    public void closeFrame(CloseReason reason) {
        if (closeReason == null && reason != null && !transportLost) {
            closeReason = reason;
        }
        closing = true;
        dropSubscriptions();
    }

    /**
     * The gate saw the TCP connection close: what Tyrus writes or reports from now on (a 1000
     * frame, a 1006 to @OnClose) does not name a close the peer took part in; the closed event
     * reports 1006 unless a close frame was exchanged before.
     */
    public void transportLost() {
        transportLost = true;
        closing = true;
    }

    private volatile boolean transportLost;

    /** The reason the closed event reports. */
    CloseReason closeReason() {
        CloseReason r = closeReason;
        return r == null ? ABNORMAL : r;
    }

    /** Whether the connection scope may be used: until the connection is finished. */
    boolean scopeActive() {
        return !scopeDestroyed;
    }

    /** A callback (or a read that may run callbacks) starts; false once the connection is finished. */
    public boolean enter() {
        synchronized (this) {
            if (finished) {
                return false;
            }
            active++;
            return true;
        }
    }

    /** The callback that {@link #enter} admitted has returned. */
    public void exit() {
        boolean finish;
        synchronized (this) {
            active--;
            finish = readyToFinish();
        }
        if (finish) {
            finish();
        }
    }

    /** The upgrade completed and the endpoint's {@code @OnOpen} has run: fires the opened event. */
    public void opened() {
        synchronized (this) {
            if (finished || opened) {
                return;
            }
            opened = true;
        }
        LOG.log(Level.DEBUG, () -> io.github.switchboard.internal.LogFields.opened(id, handshake));
        if (!services.events().observed(io.github.switchboard.ConnectionOpened.class)) {
            return; // every handshake comes here: nothing to activate for nobody
        }
        try {
            within(() -> {
                services.events().opened(this);
                return Boolean.TRUE;
            });
        } catch (Exception e) {
            LOG.log(Level.WARNING, "SWB-1109 announcing " + this + " failed", e);
        }
    }

    /** Accepted by a container that is not Tyrus, which creates its endpoint (ContainerCreation). */
    private volatile boolean containerCreated;
    /** Such a connection whose endpoint's release is not observed: finished after {@code @OnClose}. */
    private volatile boolean finishAfterOnClose;
    /** Set once by whoever binds such a connection's session (ContainerCreation.bind). */
    private final java.util.concurrent.atomic.AtomicBoolean sessionClaimed =
            new java.util.concurrent.atomic.AtomicBoolean();

    void createdByContainer() {
        containerCreated = true;
        finishAfterOnClose = true;
    }

    boolean containerCreated() {
        return containerCreated;
    }

    /** The container reports the release of the endpoint: {@code @OnClose} need not finish it. */
    void releaseObserved() {
        finishAfterOnClose = false;
    }

    boolean finishesAfterOnClose() {
        return finishAfterOnClose;
    }

    /** True for the one caller that binds the container's session to this connection. */
    boolean claimSession() {
        return sessionClaimed.compareAndSet(false, true);
    }

    boolean sessionClaimed() {
        return sessionClaimed.get();
    }

    /** The transport is gone (or the upgrade never happened). */
    public void ended() {
        boolean finish;
        closing = true;
        dropSubscriptions();
        synchronized (this) {
            ended = true;
            finish = readyToFinish();
        }
        if (finish) {
            finish();
        }
    }

    /**
     * Creates the endpoint instance of this connection through CDI, with this connection current,
     * so that per-connection values are injected from it.
     */
    <T> T createEndpoint(Class<T> type) throws InstantiationException {
        // Tyrus asks without a lock: a first message racing a close could ask twice at once.
        synchronized (creation) {
            return createEndpointOnce(type);
        }
    }

    private final Object creation = new Object();

    private <T> T createEndpointOnce(Class<T> type) throws InstantiationException {
        synchronized (this) {
            if (endpoint != null) {
                throw new InstantiationException("SWB-1102 a second instance of " + type.getName()
                        + " was requested for " + this + "; refusing to bind it to the wrong "
                        + "connection");
            }
        }
        if (!enter()) {
            throw new InstantiationException("SWB-1101 " + this + " has already ended");
        }
        SwitchboardConnection previous = Current.push(this);
        try {
            Bean<Object> bean = services.endpointBean(type);
            CreationalContext<Object> cc = services.beanManager().createCreationalContext(bean);
            Object instance;
            try {
                instance = bean.create(cc);
            } catch (RuntimeException | Error e) {
                cc.release();
                InstantiationException failure = new InstantiationException("SWB-1103 creating "
                        + type.getName() + " for " + this + " failed: " + e.getMessage());
                failure.initCause(e);
                throw failure;
            }
            synchronized (this) {
                endpoint = instance;
                endpointBean = bean;
                endpointContext = cc;
                endpointHeld = true;
            }
            ConnectionServices.endpoints().bind(instance, this);
            return type.cast(instance);
        } finally {
            Current.pop(previous);
            exit();
        }
    }

    /**
     * Takes over an endpoint instance the container created before this connection was known
     * (no embedded gate, DESIGN.md §5): this connection holds it and destroys it when finished.
     * False when it already has an endpoint or is finished.
     */
    synchronized boolean adoptEndpoint(Object instance, Bean<Object> bean,
            CreationalContext<Object> cc) {
        if (endpoint != null || finished) {
            return false;
        }
        endpoint = instance;
        endpointBean = bean;
        endpointContext = cc;
        endpointHeld = true;
        return true;
    }

    /** Tyrus is done with the endpoint instance ({@code @OnClose} has returned). */
    void endpointReleased() {
        boolean finish;
        synchronized (this) {
            endpointHeld = false;
            ended = true;
            finish = readyToFinish();
        }
        closing = true;
        if (finish) {
            finish();
        }
    }

    /** Under the lock: decides, once, that now is the time to finish. */
    private boolean readyToFinish() {
        if (finished || !ended || endpointHeld || active > 0) {
            return false;
        }
        finished = true;
        return true;
    }

    /** Fires the closed event, then destroys the endpoint and the scope. Runs once. */
    private void finish() {
        Object instance;
        Bean<Object> bean;
        CreationalContext<Object> cc;
        boolean announce;
        synchronized (this) {
            instance = endpoint;
            bean = endpointBean;
            cc = endpointContext;
            announce = opened;
            endpoint = null;
            endpointBean = null;
            endpointContext = null;
        }
        dropSubscriptions();
        expiry.cancel();
        services.topics().finished(this);
        if (transport != null) { // it was upgraded
            int code = closeReason().getCloseCode().getCode();
            services.meters().closed(code);
            LOG.log(Level.DEBUG, () -> io.github.switchboard.internal.LogFields.closed(id, code));
        }
        if (holdsPlace) {
            services.limits().release(place);
        }
        if (instance != null) {
            ConnectionServices.endpoints().unbind(instance); // whatever happens below, nothing stays bound
        }
        SwitchboardConnection previous = Current.push(this);
        RequestScope request = RequestScope.NONE;
        try {
            try {
                request = services.activateRequestScope();
            } catch (RuntimeException e) {
                // CDI has shut down (a connection that outlived the server's close deadline):
                // destroy what can be destroyed without it.
                LOG.log(Level.DEBUG, "no request context for finishing " + this, e);
            }
            if (announce) {
                services.events().closed(this, closeReason());
            }
            if (instance != null) {
                try {
                    bean.destroy(instance, cc);
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.WARNING, "SWB-1108 destroying the endpoint of " + this + " failed", e);
                }
            }
            scope.destroyAll(this);
            encoders.destroy();
        } finally {
            scopeDestroyed = true;
            attributes.clear();
            try {
                request.close();
            } finally {
                Current.pop(previous);
            }
        }
    }

    /**
     * A value the connection lacks was required after the upgrade: closes the connection with
     * 1008 (policy violation) and returns the exception for the injection to throw.
     */
    IllegalStateException missing(String what) {
        String message = "SWB-1105 the connection has no " + what;
        String reason = "missing " + what;
        if (reason.getBytes(StandardCharsets.UTF_8).length > 123) {
            reason = "missing a required value";
        }
        close(1008, reason);
        return new IllegalStateException(message);
    }

    private volatile long lastActivity = System.nanoTime();
    private volatile boolean pinged;

    /** A pong arrived from the client: fires the pong event. */
    public void ponged() {
        if (!services.events().observed(io.github.switchboard.ConnectionPong.class)) {
            return; // every keep-alive pong comes here: nothing to activate for nobody
        }
        try {
            within(() -> {
                services.events().pong(this);
                return Boolean.TRUE;
            });
        } catch (Exception e) {
            LOG.log(Level.WARNING, "SWB-1109 announcing a pong of " + this + " failed", e);
        }
    }

    /** The container wrote a data frame of its own (the last of a message when {@code fin}). */
    public void sentByContainer(boolean fin, long payloadBytes) {
        services.meters().sent(fin ? 1 : 0, payloadBytes);
    }

    /** Complete data messages, and their payload bytes, arrived from the client. */
    public void received(int messages, long bytes) {
        if (messages > 0) {
            services.meters().received(messages, bytes);
        }
    }

    /** A frame arrived from the client. */
    void touch() {
        lastActivity = System.nanoTime();
        pinged = false;
    }

    /**
     * The embedded server's idle sweep: pings a connection silent for half its idle timeout
     * (with {@code sendPings}), closes one silent for all of it with 1000 "idle timeout".
     */
    public void checkIdle(long now) {
        long timeout = options.idleTimeoutMillis() * 1_000_000L;
        Transport t = transport;
        if (timeout <= 0 || closing || t == null) {
            return;
        }
        long idle = now - lastActivity;
        if (idle >= timeout) {
            close(1000, "idle timeout");
        } else if (options.sendPings() && !pinged && idle >= timeout / 2) {
            pinged = true;
            t.ping();
        }
    }

    /** Test and diagnostics hook: whether the connection is finished. */
    public synchronized boolean finished() {
        return finished;
    }
}
