package io.github.switchboard.internal.metrics;

import io.github.switchboard.SendResult;
import io.github.switchboard.TopicPolicy;
import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * What Switchboard records about its connections, one method per event; every method is a no-op
 * here, so the recorder of an application without Micrometer ({@link #NONE}) costs a virtual call.
 * Nothing recorded names a connection or a topic: every tag has a bounded set of values.
 *
 * <p>Implementations are thread-safe and never throw.
 */
public interface Meters {

    /** Records nothing. */
    Meters NONE = new Meters() {
    };

    /** The setting that turns metrics off even when Micrometer is present; default on. */
    String ENABLED_SETTING = "switchboard.metrics.enabled";

    /** What the gauges read: the connections open now and their outbound buffers. */
    interface Source {
        /** The connections open now (a live view). */
        Collection<? extends io.github.switchboard.Connection> openConnections();
    }

    /**
     * The recorder for one application: Micrometer's when Micrometer is on the class path of
     * this library and {@value #ENABLED_SETTING} is not {@code false}, else {@link #NONE}.
     *
     * @param registryBean the application's {@code MeterRegistry} CDI bean, looked up only when
     *                     Micrometer is present; null when it has none
     */
    static Meters create(Source source, Supplier<Object> registryBean) {
        boolean enabled = io.github.switchboard.internal.cdi.Settings.get(ENABLED_SETTING)
                .map(v -> !v.equalsIgnoreCase("false")).orElse(true);
        if (!enabled || !MicrometerPresence.PRESENT) {
            return NONE;
        }
        try {
            // By name: this interface must load, and run, without Micrometer.
            return (Meters) Class.forName("io.github.switchboard.internal.metrics.MicrometerMeters",
                    true, Meters.class.getClassLoader())
                    .getConstructor(Source.class, Supplier.class)
                    .newInstance(source, registryBean);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            System.getLogger(Meters.class.getName()).log(Level.WARNING,
                    "SWB-1116 Micrometer is present but its meters could not be set up; "
                            + "recording nothing", e);
            return NONE;
        }
    }

    /** A handshake ended: 101 accepted, else the refusal's status. */
    default void handshake(int status, long nanos) {
    }

    /** A connection was upgraded. */
    default void opened() {
    }

    /** A connection that was upgraded is finished, with this close code (1006: none). */
    default void closed(int code) {
    }

    /** Complete data messages, and their payload bytes, received from clients. */
    default void received(int messages, long bytes) {
    }

    /**
     * One message was offered to one connection through Switchboard (a send, or one recipient
     * of a publish); a written or queued one is also counted as sent.
     */
    default void delivery(SendResult.Status status, int bytes) {
    }

    /** Data messages, and payload bytes, that the container sent itself (not through Switchboard). */
    default void sent(int messages, long bytes) {
    }

    /** A publish: from a connection, or from the server ({@code Topics}). */
    default void published(boolean fromConnection) {
    }

    /** A topic policy denied a subscribe or publish. */
    default void denied(TopicPolicy.Action action) {
    }

    /**
     * A topic bus joined this application ({@code bus} non-null) or left it (null): the bus
     * meters read its {@link io.github.switchboard.TopicBus#stats()} when scraped, and leave the
     * registry with it.
     */
    default void bus(io.github.switchboard.TopicBus bus) {
    }

    /** The application stops: gauges that read its state are removed from the registry. */
    default void close() {
    }
}
