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
 *
 * <p>Its code is split along its seams into {@link ConnectionLifecycle} (the state machine above:
 * callbacks, the endpoint instance, finishing) and {@link ConnectionBinding} (the transport, sends
 * and closes through it, the JSR session and the client-message limits where no gate reads the
 * frames), which act on this object's fields under this object's monitor and have no instances;
 * the topic side is {@link Subscriptions} and {@link TopicRegistry}.
 */
public final class SwitchboardConnection implements Connection {

    /** The user-property key under which the handshake stores the connection. */
    public static final String USER_PROPERTY = "io.github.switchboard.Connection";

    /** The connection's logger; its collaborators log through it too, under this class's name. */
    static final System.Logger LOG = System.getLogger(SwitchboardConnection.class.getName());
    private static final CloseReason ABNORMAL =
            new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "");

    // Fields that are not private are read or written by the package-private collaborators
    // ConnectionLifecycle and ConnectionBinding, which hold no state of their own: the code is
    // split, the object is not (DESIGN.md §5 "Idle memory": no object more per connection).

    private final String id = UUID.randomUUID().toString();
    private final Handshake handshake;
    private final Attachments data;
    private final ConnectionServices services;
    final Map<Key<?>, Object> attributes = new ConcurrentHashMap<>();
    private final Subscriptions subscriptions;
    /** The connection scope's beans. */
    final ScopeStore scope = new ScopeStore();

    volatile Transport transport;
    /** The client's rate where the embedded gate does not count it; null: not counted here. */
    volatile PortableLimits portableLimits;
    /** The first close frame sent or received; null before. */
    private volatile CloseReason closeReason;
    /** Set when a close frame was sent or received or the transport is gone: sends stop. */
    volatile boolean closing;
    /** Set once the scope's beans have been destroyed: the scope is inactive from then on. */
    volatile boolean scopeDestroyed;

    // Lifecycle (ConnectionLifecycle): guarded by this.
    int active;
    boolean ended;
    boolean opened;
    boolean finished;
    boolean endpointHeld;
    Object endpoint;
    Bean<Object> endpointBean;
    CreationalContext<Object> endpointContext;
    /** Held while the endpoint is created: Tyrus asks without a lock (ConnectionLifecycle). */
    final Object creation = new Object();

    private final EndpointOptions options;
    /** The credential expiry and this connection's place on the wheel. */
    final ConnectionExpiry expiry;
    /** Whether this connection holds a place of the connection limits (embedded server only). */
    final boolean holdsPlace;
    final Encoders encoders;
    /** The remote address whose connection-limit place this connection holds until finished. */
    final java.net.InetAddress place;

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
        return ConnectionBinding.send(this, message);
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
        ConnectionBinding.close(this, code, reason);
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
    Boolean within(Callable<Boolean> body) throws Exception {
        return ConnectionLifecycle.within(this, body);
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
        ConnectionBinding.attach(this, t);
    }

    /** What the outbound buffer reports: a failed write means the peer is gone. */
    public io.github.switchboard.internal.outbound.Outbound.Listener outboundListener() {
        return ConnectionBinding.outboundListener(this);
    }

    /** Binds the JSR session where no better transport is attached (containers other than the gate's). */
    public void bindSession(Session session) {
        ConnectionBinding.bindSession(this, session);
    }

    /**
     * Has Switchboard check the size and rate of each client message before delivery, for a
     * connection whose frames no embedded gate reads (containers other than the embedded
     * server), and lowers the session's buffer sizes to the size limit.
     */
    public void limitClientMessages(Session session) {
        ConnectionBinding.limitClientMessages(this, session);
    }

    /**
     * Checks one client message (the callback's {@code parameters}) where no embedded gate does:
     * over the size limit closes with 1009, over the rate with 1008, and answers false (the
     * message is not delivered).
     */
    boolean admitMessage(Object[] parameters) {
        return ConnectionBinding.admitMessage(this, parameters);
    }

    /**
     * Attaches the portable transport before its session exists (the embedded server with
     * {@code switchboard.outbound=portable}): sends and closes wait in it until
     * {@link #bindSession}.
     */
    public void attachPortable() {
        ConnectionBinding.attachPortable(this);
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
        return ConnectionLifecycle.enter(this);
    }

    /** The callback that {@link #enter} admitted has returned. */
    public void exit() {
        ConnectionLifecycle.exit(this);
    }

    /** The upgrade completed and the endpoint's {@code @OnOpen} has run: fires the opened event. */
    public void opened() {
        ConnectionLifecycle.opened(this);
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
        ConnectionLifecycle.ended(this);
    }

    /**
     * Creates the endpoint instance of this connection through CDI, with this connection current,
     * so that per-connection values are injected from it.
     */
    <T> T createEndpoint(Class<T> type) throws InstantiationException {
        return ConnectionLifecycle.createEndpoint(this, type);
    }

    /**
     * Takes over an endpoint instance the container created before this connection was known
     * (no embedded gate, DESIGN.md §5): this connection holds it and destroys it when finished.
     * False when it already has an endpoint or is finished.
     */
    boolean adoptEndpoint(Object instance, Bean<Object> bean, CreationalContext<Object> cc) {
        return ConnectionLifecycle.adoptEndpoint(this, instance, bean, cc);
    }

    /** Tyrus is done with the endpoint instance ({@code @OnClose} has returned). */
    void endpointReleased() {
        ConnectionLifecycle.endpointReleased(this);
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
