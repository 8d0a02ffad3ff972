package io.github.switchboard.redis;

import io.github.switchboard.TopicBus;
import io.github.switchboard.Topics;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link TopicBus} on Redis pub/sub (Lettuce). Each topic is the Redis channel
 * {@code <prefix>t:<topic>}; a node subscribes to it while it has local subscribers of the topic
 * and publishes every publish to it once. Each node also listens on {@code <prefix>n:<node id>}
 * for answers to {@link #clusterSubscriberCount} queries.
 * <pre>{@code
 * EmbeddedServer.builder().endpoints(Chat.class).bus(RedisTopicBus.fromSettings()).start();
 * }</pre>
 *
 * <p>Guarantees: at-most-once (Redis pub/sub keeps nothing for a node that is not listening),
 * in order per publishing node (one connection publishes, one connection listens), text stays
 * text and binary stays binary. Three connections per node (publishing, listening, count
 * queries), one Lettuce I/O thread pool of two threads, one thread that sends publishes in
 * batches and one for subscriptions. Messages from other nodes are handed to the local
 * subscribers' outbound buffers on Lettuce's I/O thread, which never waits for a subscriber.
 *
 * <p>Outage: a publish made while Redis is unreachable, or beyond {@link Builder#maxPending}
 * publishes awaiting Redis, is dropped and counted ({@link Stats#dropped()}); nothing is buffered
 * past that bound and no caller ever waits for Redis. The node reconnects by itself (backoff up to
 * {@link Builder#reconnectMaxDelay}) and subscribes to its topics again. Local publish and
 * delivery never depend on Redis.
 *
 * <p>Anyone who can publish on the prefix's channels can send to every subscriber: protect Redis
 * with an ACL user limited to {@code &<prefix>*} channels. Thread-safe.
 */
public final class RedisTopicBus implements TopicBus {

    private static final System.Logger LOG = System.getLogger(RedisTopicBus.class.getName());
    private static final RedisCodec<String, byte[]> CODEC =
            RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final RedisURI uri;
    private final String prefix;
    private final String topicPrefix;
    private final Duration connectTimeout;
    private final Duration commandTimeout;
    private final Duration countTimeout;
    private final int maxPending;
    private final Duration reconnectMaxDelay;
    /** The PEM certificates TLS trusts instead of the JVM's; null: the JVM's trust store. */
    private final java.nio.file.Path trustedCertificates;

    private final LongAdder published = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private static final int LOG_INTERVAL_SECONDS = 10;
    private final java.util.concurrent.atomic.AtomicLong nextDropLog =
            new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);

    // Set once by start (under this lock), read by any thread afterwards.
    private volatile Node node;
    private volatile ClientResources resources;
    private volatile RedisClient client;
    private volatile StatefulRedisConnection<String, byte[]> commands;
    private volatile StatefulRedisConnection<String, byte[]> publishing;
    private volatile Publisher publisher;
    private volatile java.util.concurrent.ExecutorService sender;
    private volatile StatefulRedisPubSubConnection<String, byte[]> pubsub;
    private volatile ScheduledExecutorService thread;
    private volatile Interests interests;
    private volatile CountQueries counts;
    private volatile String nodeChannel;
    private volatile boolean closed; // guarded by this for writes

    private RedisTopicBus(Builder b) {
        this.uri = b.redisUri();
        this.prefix = b.channelPrefix;
        this.topicPrefix = prefix + "t:";
        this.connectTimeout = b.connectTimeout;
        this.commandTimeout = b.commandTimeout;
        this.countTimeout = b.countTimeout;
        this.maxPending = b.maxPending;
        this.reconnectMaxDelay = b.reconnectMaxDelay;
        this.trustedCertificates = b.trustedCertificates;
    }

    /**
     * A builder for the Redis at {@code uri}:
     * {@code redis://[[user]:password@]host[:port][/database]}, {@code rediss://} for TLS.
     *
     * @throws IllegalArgumentException ({@code SWB-7011}) when {@code uri} is not a Redis URI
     */
    public static Builder builder(String uri) {
        return new Builder(uri);
    }

    /**
     * A bus configured by the {@code switchboard.redis.*} settings (MicroProfile Config when
     * present, else system properties); see {@link Builder#fromSettings()}.
     *
     * @throws IllegalArgumentException ({@code SWB-7011}, {@code SWB-2006}) when
     *         {@code switchboard.redis.uri} is missing or a setting is malformed
     */
    public static RedisTopicBus fromSettings() {
        return Builder.fromSettings().build();
    }

    /** The channel of {@code topic} in Redis. */
    String channel(String topic) {
        return topicPrefix + topic;
    }

    @Override
    public synchronized void start(Node node) {
        if (this.node != null || closed) {
            throw new IllegalStateException("a RedisTopicBus starts once");
        }
        this.node = java.util.Objects.requireNonNull(node, "node");
        this.nodeChannel = prefix + "n:" + node.id();
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "switchboard-redis-" + node.id());
            th.setDaemon(true);
            return th;
        });
        this.thread = t;
        this.counts = new CountQueries(t, countTimeout);
        ClientResources res = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(1)
                .reconnectDelay(() -> Delay.exponential(Duration.ofMillis(50), reconnectMaxDelay,
                        2, TimeUnit.MILLISECONDS))
                .build();
        this.resources = res;
        RedisClient c = RedisClient.create(res, uri);
        c.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(maxPending)
                .suspendReconnectOnProtocolFailure(false)
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout)
                        .keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .sslOptions(trustedCertificates == null ? SslOptions.create()
                        : SslOptions.builder().jdkSslProvider()
                                .trustManager(trustedCertificates.toFile()).build())
                .build());
        this.client = c;
        try {
            commands = c.connect(CODEC);
            publishing = c.connect(CODEC);
            StatefulRedisPubSubConnection<String, byte[]> ps = c.connectPubSub(CODEC);
            ps.addListener(new Listener());
            pubsub = ps;
        } catch (RuntimeException e) {
            shutdown();
            throw new IllegalStateException("SWB-7010 cannot connect to Redis at " + where()
                    + ": " + e.getMessage(), e);
        }
        java.util.concurrent.ExecutorService send = Executors.newSingleThreadExecutor(r -> {
            Thread th = new Thread(r, "switchboard-redis-publish-" + node.id());
            th.setDaemon(true);
            return th;
        });
        sender = send;
        publisher = new Publisher(publishing, maxPending, send, published::increment,
                this::dropped);
        Interests i = new Interests(node, pubsub, t, this::channel, nodeChannel, commandTimeout,
                Duration.ofMillis(Math.min(1000, reconnectMaxDelay.toMillis())));
        interests = i;
        c.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection,
                    SocketAddress address) {
                if (connection == pubsub) {
                    i.resync(); // Lettuce resubscribes what it knew; this adds what failed meanwhile
                }
            }
        });
        i.resync();
        // Wait for the first registration on the bus thread, so a node that has started is
        // reachable (its count channel subscribed); a failure there is retried by that thread.
        try {
            t.submit(() -> { }).get(commandTimeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "the first registration on Redis is still running", e);
        }
        LOG.log(Level.INFO, "SWB-7012 node " + node.id() + " joined the Redis bus at " + where()
                + " (channels " + prefix + "*)");
    }

    private String where() {
        return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort()
                + "/" + uri.getDatabase();
    }

    @Override
    public void interestChanged(String topic) {
        Interests i = interests;
        if (i != null) {
            i.changed(topic); // the bus thread reads the node's truth
        }
    }

    @Override
    public void publish(Envelope envelope) {
        Publisher p = publisher;
        if (p == null || closed) {
            dropped.increment();
            return;
        }
        // Refused at once (and so counted) past maxPending; while disconnected, by the sender.
        p.publish(channel(envelope.topic()), Wire.message(envelope));
    }

    /** Counts a lost publish; says why at most once per {@value #LOG_INTERVAL_SECONDS} s. */
    private void dropped(Throwable cause) {
        dropped.increment();
        long now = System.nanoTime();
        long next = nextDropLog.get();
        if ((next == Long.MIN_VALUE || now - next >= 0)
                && nextDropLog.compareAndSet(next, now + LOG_INTERVAL_SECONDS * 1_000_000_000L)) {
            LOG.log(Level.WARNING, "SWB-7014 bus publishes are dropped (" + dropped.sum()
                    + " so far): " + cause);
        }
    }

    @Override
    public CompletionStage<Long> clusterSubscriberCount(String topic) {
        StatefulRedisConnection<String, byte[]> c = commands;
        if (c == null || closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the bus is closed"));
        }
        if (topic == null || topic.isEmpty() || topic.length() > Topics.MAX_TOPIC_LENGTH) {
            return CompletableFuture.completedFuture(0L);
        }
        CountQueries.Pending p = counts.open();
        try {
            c.async().publish(channel(topic), Wire.query(node.id(), p.id))
                    .whenComplete((nodes, e) -> {
                        if (e != null) {
                            p.future.completeExceptionally(e);
                        } else {
                            p.expect(nodes);
                        }
                    });
        } catch (RuntimeException e) {
            p.future.completeExceptionally(e);
        }
        return p.stage();
    }

    @Override
    public Stats stats() {
        StatefulRedisConnection<String, byte[]> c = commands;
        StatefulRedisPubSubConnection<String, byte[]> ps = pubsub;
        StatefulRedisConnection<String, byte[]> pub = publishing;
        boolean connected = !closed && c != null && ps != null && pub != null && c.isOpen()
                && ps.isOpen() && pub.isOpen();
        return new Stats(published.sum(), dropped.sum(), received.sum(), malformed.sum(),
                connected);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        shutdown();
    }

    private void shutdown() {
        CountQueries q = counts;
        if (q != null) {
            q.failAll(new IllegalStateException("the bus closed"));
        }
        if (sender != null) {
            sender.shutdownNow();
        }
        quietly(pubsub);
        quietly(publishing);
        quietly(commands);
        try {
            if (client != null) {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
            if (resources != null) {
                resources.shutdown(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "the Redis client did not stop cleanly", e);
        }
        if (thread != null) {
            thread.shutdownNow();
        }
    }

    private static void quietly(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "closing a Redis connection failed", e);
        }
    }

    /** What the node hears on Redis; runs on a Lettuce I/O thread, in arrival order. */
    private final class Listener extends RedisPubSubAdapter<String, byte[]> {
        @Override
        public void message(String channel, byte[] wire) {
            try {
                if (channel.equals(nodeChannel)) {
                    if (Wire.kind(wire) != Wire.ANSWER) {
                        throw new IllegalArgumentException("not an answer on a node channel");
                    }
                    Wire.Answer a = Wire.answer(wire);
                    counts.answered(a.id(), a.count());
                    return;
                }
                if (!channel.startsWith(topicPrefix)) {
                    return;
                }
                String topic = channel.substring(topicPrefix.length());
                byte kind = Wire.kind(wire);
                if (kind == Wire.TEXT || kind == Wire.BINARY) {
                    if (Wire.origin(wire).equals(node.id())) {
                        return; // our own publish: its local subscribers were served already
                    }
                    node.deliver(Wire.envelope(topic, wire));
                    received.increment();
                } else if (kind == Wire.QUERY) {
                    Wire.Query q = Wire.query(wire);
                    commands.async().publish(prefix + "n:" + q.node(),
                            Wire.answer(q.id(), node.subscriberCount(topic)));
                } else {
                    throw new IllegalArgumentException("an answer on a topic channel");
                }
            } catch (IllegalArgumentException e) {
                malformed.increment();
                LOG.log(Level.DEBUG, () -> "ignored a malformed message on " + channel + ": "
                        + e.getMessage());
            } catch (RuntimeException e) {
                malformed.increment();
                LOG.log(Level.WARNING, "SWB-7013 a message from the bus could not be delivered", e);
            }
        }
    }

    /**
     * Configures a {@link RedisTopicBus}; each setting has a default and a
     * {@code switchboard.redis.*} setting of the same meaning ({@link #fromSettings()}). Not
     * thread-safe.
     */
    public static final class Builder {

        private final String uri;
        private String username;
        private char[] password;
        private Boolean tls;
        private Boolean verifyPeer;
        private Integer database;
        private String channelPrefix = "switchboard:";
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration commandTimeout = Duration.ofSeconds(5);
        private Duration countTimeout = Duration.ofSeconds(2);
        private int maxPending = 10_000;
        private Duration reconnectMaxDelay = Duration.ofSeconds(5);
        private java.nio.file.Path trustedCertificates;

        private Builder(String uri) {
            this.uri = java.util.Objects.requireNonNull(uri, "uri");
            redisUri(); // fail now on a malformed URI
        }

        /**
         * A builder from the settings: {@code switchboard.redis.uri} (required),
         * {@code .username}, {@code .password}, {@code .tls}, {@code .tls-verify-peer},
         * {@code .tls-trusted-certificates} (a file),
         * {@code .database}, {@code .channel-prefix}, {@code .connect-timeout-ms},
         * {@code .command-timeout-ms}, {@code .count-timeout-ms}, {@code .max-pending},
         * {@code .reconnect-max-delay-ms}; each documented on the method of the same name.
         */
        public static Builder fromSettings() {
            String p = "switchboard.redis.";
            Builder b = new Builder(RedisSettings.get(p + "uri").orElseThrow(() ->
                    new IllegalArgumentException("SWB-7011 setting switchboard.redis.uri is not "
                            + "set: give the Redis URI, e.g. redis://127.0.0.1:6379")));
            RedisSettings.get(p + "username").ifPresent(b::username);
            RedisSettings.get(p + "password").ifPresent(pw -> b.password(pw.toCharArray()));
            RedisSettings.bool(p + "tls").ifPresent(b::tls);
            RedisSettings.bool(p + "tls-verify-peer").ifPresent(b::verifyPeer);
            RedisSettings.get(p + "tls-trusted-certificates")
                    .ifPresent(f -> b.trustedCertificates(java.nio.file.Path.of(f)));
            RedisSettings.integer(p + "database", 0).ifPresent(b::database);
            RedisSettings.get(p + "channel-prefix").ifPresent(b::channelPrefix);
            RedisSettings.millis(p + "connect-timeout-ms").ifPresent(b::connectTimeout);
            RedisSettings.millis(p + "command-timeout-ms").ifPresent(b::commandTimeout);
            RedisSettings.millis(p + "count-timeout-ms").ifPresent(b::countTimeout);
            RedisSettings.integer(p + "max-pending", 1).ifPresent(b::maxPending);
            RedisSettings.millis(p + "reconnect-max-delay-ms").ifPresent(b::reconnectMaxDelay);
            return b;
        }

        /** The ACL user (Redis 6+); default: the URI's, else the default user. */
        public Builder username(String username) {
            this.username = java.util.Objects.requireNonNull(username, "username");
            return this;
        }

        /** The password; default: the URI's, else none. The array is copied. */
        public Builder password(char[] password) {
            this.password = java.util.Objects.requireNonNull(password, "password").clone();
            return this;
        }

        /** Whether to use TLS; default: true for {@code rediss://}, else false. */
        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        /** Whether TLS checks the server's certificate and host name; default: the URI's, else true. */
        public Builder verifyPeer(boolean verifyPeer) {
            this.verifyPeer = verifyPeer;
            return this;
        }

        /**
         * The certificates (a PEM file, e.g. a private authority's) that TLS trusts for the
         * server's, instead of the JVM's trust store; default: the JVM's trust store. Read when
         * the bus connects; peer verification stays as {@link #verifyPeer} says.
         *
         * @throws IllegalArgumentException ({@code SWB-7011}) when it is not a readable file
         */
        public Builder trustedCertificates(java.nio.file.Path pemFile) {
            java.util.Objects.requireNonNull(pemFile, "pemFile");
            if (!java.nio.file.Files.isRegularFile(pemFile)
                    || !java.nio.file.Files.isReadable(pemFile)) {
                throw new IllegalArgumentException("SWB-7011 trusted certificates " + pemFile
                        + " is not a readable file");
            }
            this.trustedCertificates = pemFile;
            return this;
        }

        /** The database; default: the URI's, else 0. Pub/sub ignores it (channels are global). */
        public Builder database(int database) {
            if (database < 0) {
                throw new IllegalArgumentException("database must be 0 or more");
            }
            this.database = database;
            return this;
        }

        /**
         * The start of every channel name, so several applications share one Redis; default
         * {@code switchboard:}. 1 to 64 printable ASCII characters.
         */
        public Builder channelPrefix(String prefix) {
            java.util.Objects.requireNonNull(prefix, "prefix");
            if (prefix.isEmpty() || prefix.length() > 64
                    || !prefix.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f)) {
                throw new IllegalArgumentException("SWB-7011 a channel prefix is 1 to 64 printable "
                        + "ASCII characters, not \"" + prefix + "\"");
            }
            this.channelPrefix = prefix;
            return this;
        }

        /** How long a connection attempt may take; default 5 seconds. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** How long Redis may take to answer a command; default 5 seconds. A publish that
         *  times out is counted as dropped (it may still have been delivered). */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = positive(timeout, "commandTimeout");
            return this;
        }

        /** How long {@link RedisTopicBus#clusterSubscriberCount} waits for the nodes' answers;
         *  default 2 seconds. */
        public Builder countTimeout(Duration timeout) {
            this.countTimeout = positive(timeout, "countTimeout");
            return this;
        }

        /**
         * The most publishes that may wait to be sent to Redis, and the most that may await its
         * reply; default 10,000 each. Past it a publish is dropped and counted: the bound on
         * memory when Redis is slow.
         */
        public Builder maxPending(int publishes) {
            if (publishes < 1) {
                throw new IllegalArgumentException("maxPending must be at least 1");
            }
            this.maxPending = publishes;
            return this;
        }

        /** The longest wait between two reconnection attempts (backoff from 50 ms); default 5 s. */
        public Builder reconnectMaxDelay(Duration delay) {
            this.reconnectMaxDelay = positive(delay, "reconnectMaxDelay");
            return this;
        }

        /** A bus with these settings; it connects when its server starts it. */
        public RedisTopicBus build() {
            return new RedisTopicBus(this);
        }

        private RedisURI redisUri() {
            RedisURI parsed;
            try {
                parsed = RedisURI.create(uri);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("SWB-7011 not a Redis URI (redis://host:port "
                        + "or rediss://host:port): " + e.getMessage(), e);
            }
            RedisURI.Builder b = RedisURI.builder(parsed);
            if (password != null) {
                b.withAuthentication(username != null ? username : "default", password);
            } else if (username != null) {
                throw new IllegalArgumentException("SWB-7011 a Redis username needs a password");
            }
            if (tls != null) {
                b.withSsl(tls);
            }
            if (verifyPeer != null) {
                b.withVerifyPeer(verifyPeer);
            }
            if (database != null) {
                b.withDatabase(database);
            }
            b.withTimeout(commandTimeout);
            b.withClientName("switchboard");
            return b.build();
        }

        private static Duration positive(Duration d, String name) {
            java.util.Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
