package io.github.switchboard.internal.cdi;

import io.github.switchboard.Attachments;
import io.github.switchboard.Handshake;
import io.github.switchboard.SendResult;
import io.github.switchboard.internal.outbound.Outbound;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.websocket.CloseReason;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The registry's hot paths (issue 6), on real {@link SwitchboardConnection}s of a Weld SE
 * container whose transports offer to {@link Outbound} buffers that write at once: publishing
 * a framed message to a topic's subscribers, and a subscribe/unsubscribe pair.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RegistryBenchmark {

    @Param({"32", "1000"})
    public int subscribers;

    private WeldContainer weld;
    private TopicRegistry registry;
    private final List<SwitchboardConnection> connections = new ArrayList<>();
    private final Message message = Message.text("Client7: hello 1234");
    private int churn;

    @Setup(Level.Trial)
    public void setUp() {
        weld = new Weld().disableDiscovery().addExtension(new SwitchboardExtension())
                .addBeanClass(Marker.class).initialize();
        BeanManager bm = weld.getBeanManager();
        ConnectionServices services = new ConnectionServices(bm, -1);
        registry = services.topics();
        EndpointOptions options = EndpointOptions.of(RegistryBenchmark.class, -1);
        Handshake handshake = (Handshake) Proxy.newProxyInstance(
                Handshake.class.getClassLoader(), new Class<?>[] {Handshake.class},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        for (int i = 0; i < subscribers; i++) {
            SwitchboardConnection c = new SwitchboardConnection(handshake, Attachments.empty(),
                    services, options, null, false, null);
            c.attach(new BufferTransport());
            if (!c.subscribe("room")) {
                throw new IllegalStateException("subscribe refused");
            }
            connections.add(c);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        weld.shutdown();
    }

    /** Publishes one framed message to every subscriber of the topic (each buffer writes it). */
    @Benchmark
    public int publishToAll() {
        return registry.publish("room", message, null).recipients();
    }

    /** One connection subscribes to a new topic and unsubscribes again. */
    @Benchmark
    public boolean subscribeUnsubscribe() {
        SwitchboardConnection c = connections.get(churn++ % connections.size());
        return c.subscribe("t") & c.unsubscribe("t");
    }

    /** A bean, so that the container starts without discovery. */
    @jakarta.enterprise.context.Dependent
    public static class Marker {
    }

    /** A transport whose buffer writes at once and completes inline, as a fast socket would. */
    private static final class BufferTransport implements Transport {
        private final Outbound out = new Outbound((batch, done) -> {
            batch.position(batch.limit());
            done.completed();
        }, 1 << 20, null);

        @Override
        public void afterFlush(Runnable then) {
            out.closeAfterFlush(then);
        }

        @Override
        public SendResult send(Message m) {
            return switch (out.offer(m.frame())) {
                case WRITTEN -> new SendResult(SendResult.Status.WRITTEN, m.bytes());
                case QUEUED -> new SendResult(SendResult.Status.QUEUED, m.bytes());
                case DROPPED -> new SendResult(SendResult.Status.DROPPED, m.bytes());
                case CLOSED -> SendResult.closed();
            };
        }

        @Override
        public void ping() {
        }

        @Override
        public long buffered() {
            return out.buffered();
        }

        @Override
        public void close(CloseReason reason) {
        }
    }
}
