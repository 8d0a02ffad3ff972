package io.github.switchboard.internal.metrics;

import io.github.switchboard.SendResult;
import io.github.switchboard.TopicPolicy;
import io.github.switchboard.TopicBus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The Micrometer recorder; the only class that touches Micrometer, created by name from
 * {@link Meters#create} once Micrometer was found. The registry is the application's
 * {@code MeterRegistry} CDI bean when it has one, else {@link Metrics#globalRegistry}. The meter
 * table is in the operations guide; every tag value comes from a small fixed set (HTTP statuses,
 * close codes folded into ranges, enum names). Counters and timers are shared by every application
 * of the registry; the gauges are this application's and are removed by {@link #close()}.
 *
 * <p>Thread-safe: meters are thread-safe; the lazily filled maps are concurrent.
 */
public final class MicrometerMeters implements Meters {

    private final MeterRegistry registry;
    private final Counter opened;
    private final Counter messagesIn;
    private final Counter messagesOut;
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final Counter publishedByConnection;
    private final Counter publishedByServer;
    private final Counter[] deliveries = new Counter[SendResult.Status.values().length];
    private final Counter[] denied = new Counter[TopicPolicy.Action.values().length];
    private final Map<Integer, Counter> handshakes = new ConcurrentHashMap<>();
    private final Map<Boolean, Timer> handshakeTimes = new ConcurrentHashMap<>();
    private final Map<String, Counter> closes = new ConcurrentHashMap<>();
    private final List<Meter> gauges;
    /** The meters over the bus's counters; empty without a bus. Guarded by itself. */
    private final List<Meter> busMeters = new java.util.ArrayList<>();

    public MicrometerMeters(Source source, Supplier<Object> registryBean) {
        Object bean = registryBean == null ? null : registryBean.get();
        this.registry = bean instanceof MeterRegistry r ? r : Metrics.globalRegistry;
        opened = Counter.builder("switchboard.connections.opened")
                .description("WebSocket connections upgraded").register(registry);
        messagesIn = messages("in");
        messagesOut = messages("out");
        bytesIn = bytes("in");
        bytesOut = bytes("out");
        publishedByConnection = Counter.builder("switchboard.publishes").tag("origin", "connection")
                .description("Topic publishes").register(registry);
        publishedByServer = Counter.builder("switchboard.publishes").tag("origin", "server")
                .description("Topic publishes").register(registry);
        for (SendResult.Status s : SendResult.Status.values()) {
            deliveries[s.ordinal()] = Counter.builder("switchboard.deliveries")
                    .tag("result", s.name().toLowerCase(java.util.Locale.ROOT))
                    .description("Messages offered to one connection, by what became of them")
                    .register(registry);
        }
        for (TopicPolicy.Action a : TopicPolicy.Action.values()) {
            denied[a.ordinal()] = Counter.builder("switchboard.denied")
                    .tag("action", a.name().toLowerCase(java.util.Locale.ROOT))
                    .description("Subscribes and publishes a topic policy denied")
                    .register(registry);
        }
        gauges = List.of(
                Gauge.builder("switchboard.connections.open", source,
                        s -> s.openConnections().size())
                        .description("WebSocket connections open now").strongReference(true)
                        .register(registry),
                Gauge.builder("switchboard.outbound.buffered", source,
                        MicrometerMeters::buffered)
                        .baseUnit("bytes").strongReference(true)
                        .description("Bytes accepted for sending and not yet written, all connections")
                        .register(registry));
    }

    private static double buffered(Source source) {
        long sum = 0;
        for (io.github.switchboard.Connection c : source.openConnections()) {
            sum += c.bufferedAmount();
        }
        return sum;
    }

    private Counter messages(String direction) {
        return Counter.builder("switchboard.messages").tag("direction", direction)
                .description("WebSocket data messages").register(registry);
    }

    private Counter bytes(String direction) {
        return Counter.builder("switchboard.bytes").tag("direction", direction).baseUnit("bytes")
                .description("Payload bytes of WebSocket data messages").register(registry);
    }

    /** The close codes reported as themselves; any other is folded into its range. */
    static String closeCodeTag(int code) {
        if (code >= 1000 && code <= 1015 || code == 4401) {
            return Integer.toString(code);
        }
        if (code >= 3000 && code <= 3999) {
            return "3xxx";
        }
        if (code >= 4000 && code <= 4999) {
            return "4xxx";
        }
        return "other";
    }

    @Override
    public void handshake(int status, long nanos) {
        boolean accepted = status == 101;
        int s = status >= 100 && status <= 599 ? status : 0; // bounded whatever a caller passes
        handshakes.computeIfAbsent(s, k -> Counter.builder("switchboard.handshakes")
                .tag("outcome", accepted ? "accepted" : "rejected")
                .tag("status", Integer.toString(k))
                .description("WebSocket upgrade requests, by outcome and HTTP status")
                .register(registry)).increment();
        handshakeTimes.computeIfAbsent(accepted, a -> Timer.builder("switchboard.handshake.duration")
                .tag("outcome", a ? "accepted" : "rejected")
                .description("Time spent in the handshake checks (origin, limits, guards)")
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void opened() {
        opened.increment();
    }

    @Override
    public void closed(int code) {
        closes.computeIfAbsent(closeCodeTag(code), tag -> Counter.builder("switchboard.closes")
                .tag("code", tag).description("Connections finished, by close code")
                .register(registry)).increment();
    }

    @Override
    public void received(int messages, long bytes) {
        if (messages > 0) {
            messagesIn.increment(messages);
        }
        if (bytes > 0) {
            bytesIn.increment(bytes);
        }
    }

    @Override
    public void delivery(SendResult.Status status, int bytes) {
        deliveries[status.ordinal()].increment();
        if (status == SendResult.Status.WRITTEN || status == SendResult.Status.QUEUED) {
            messagesOut.increment();
            bytesOut.increment(bytes);
        }
    }

    @Override
    public void sent(int messages, long bytes) {
        if (messages > 0) {
            messagesOut.increment(messages);
        }
        if (bytes > 0) {
            bytesOut.increment(bytes);
        }
    }

    @Override
    public void published(boolean fromConnection) {
        (fromConnection ? publishedByConnection : publishedByServer).increment();
    }

    @Override
    public void denied(TopicPolicy.Action action) {
        denied[action.ordinal()].increment();
    }

    /**
     * Function counters and a gauge over {@link TopicBus#stats()}, read when the registry is
     * scraped (the bus keeps its own counts, so nothing is recorded per publish here). A bus
     * whose {@code stats()} throws reads as NaN and as not connected.
     */
    @Override
    public void bus(TopicBus bus) {
        synchronized (busMeters) {
            try {
                busMeters.forEach(registry::remove);
            } catch (RuntimeException e) {
                // A registry that is gone (a CDI proxy after shutdown) has nothing to remove.
            }
            busMeters.clear();
            if (bus == null) {
                return;
            }
            busMeters.add(busCounter("switchboard.bus.publishes", "result", "sent", bus,
                    s -> s.published(), "Publishes the topic bus sent to other nodes"));
            busMeters.add(busCounter("switchboard.bus.publishes", "result", "dropped", bus,
                    s -> s.dropped(), "Publishes the topic bus lost (down, full or failed)"));
            busMeters.add(busCounter("switchboard.bus.received", "result", "delivered", bus,
                    s -> s.received(), "Messages from other nodes, by what became of them"));
            busMeters.add(busCounter("switchboard.bus.received", "result", "malformed", bus,
                    s -> s.malformed(), "Messages from other nodes, by what became of them"));
            busMeters.add(Gauge.builder("switchboard.bus.connected", bus,
                    b -> stat(b, s -> s.connected() ? 1 : 0) == 1 ? 1 : 0)
                    .description("1 while the topic bus is connected, else 0")
                    .strongReference(true).register(registry));
        }
    }

    private Meter busCounter(String name, String tag, String value, TopicBus bus,
            ToDoubleFunction<TopicBus.Stats> read, String description) {
        // Held weakly by Micrometer: the server holds the bus until it is detached here.
        return FunctionCounter.builder(name, bus, b -> stat(b, read)).tag(tag, value)
                .description(description).register(registry);
    }

    /** A meter must never throw into the registry's scrape. */
    private static double stat(TopicBus bus, ToDoubleFunction<TopicBus.Stats> read) {
        try {
            return read.applyAsDouble(bus.stats());
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    @Override
    public void close() {
        gauges.forEach(registry::remove);
        bus(null);
    }
}
