package io.github.switchboard.internal.cdi;

import io.github.switchboard.TopicBus;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The node side of a {@link TopicBus}: what one application's {@link TopicRegistry} tells the bus
 * (interest, publishes) and how it serves what the bus hears from other nodes. Installed in the
 * registry only while the bus runs; without one the registry never touches this class. The node
 * never delivers its own messages from the bus: its subscribers were served when it published.
 * Thread-safe.
 */
public final class BusLink implements TopicBus.Node {

    private static final System.Logger LOG = System.getLogger(BusLink.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TopicRegistry registry;
    private final TopicBus bus;
    private final String id;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BusLink(TopicRegistry registry, TopicBus bus) {
        this.registry = registry;
        this.bus = bus;
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        this.id = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * Starts {@code bus} for the application of {@code beanManager} and joins it to its topics;
     * with {@code bus} null, the application's {@link TopicBus} bean if there is one. Returns
     * null when there is no bus (every publish stays local).
     *
     * @throws IllegalStateException {@code SWB-7001} when the bus does not start, or
     *         {@code SWB-7002} when the application has more than one {@code TopicBus} bean
     */
    public static BusLink attach(BeanManager beanManager, TopicBus bus) {
        TopicBus chosen = bus != null ? bus : bean(beanManager);
        if (chosen == null) {
            return null;
        }
        TopicRegistry registry = beanManager.getExtension(SwitchboardExtension.class).topics();
        BusLink link = new BusLink(registry, chosen);
        try {
            chosen.start(link);
        } catch (RuntimeException e) {
            throw new IllegalStateException("SWB-7001 the topic bus " + chosen.getClass().getName()
                    + " did not start: " + e.getMessage(), e);
        }
        registry.attach(link);
        // Topics subscribed while the bus started (interest calls are hints: TopicBus).
        for (String topic : registry.topics()) {
            chosen.interestChanged(topic);
        }
        return link;
    }

    private static TopicBus bean(BeanManager bm) {
        Set<Bean<?>> beans = bm.getBeans(TopicBus.class);
        if (beans.isEmpty()) {
            return null;
        }
        if (beans.size() > 1) {
            throw new IllegalStateException("SWB-7002 " + beans.size() + " TopicBus beans: an "
                    + "application has one bus; remove all but one, or give the embedded server "
                    + "its bus explicitly");
        }
        Bean<?> bean = beans.iterator().next();
        return (TopicBus) bm.getReference(bean, TopicBus.class, bm.createCreationalContext(bean));
    }

    /** The bus this link runs. */
    public TopicBus bus() {
        return bus;
    }

    /** Whether the bus says it is connected; a bus whose {@code stats()} throws is not. */
    boolean connected() {
        try {
            return bus.stats().connected();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Detaches from the registry (publishes stay local from now on) and closes the bus. */
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        registry.detach(this);
        try {
            bus.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "SWB-7003 closing the topic bus failed", e);
        }
    }

    // ---- from the registry ----

    void interestChanged(String topic) {
        try {
            bus.interestChanged(topic);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "SWB-7004 the topic bus failed on an interest change", e);
        }
    }

    /** After the local subscribers were served: the publish goes to the bus once. */
    void publish(String topic, Message message, SwitchboardConnection sender) {
        try {
            bus.publish(new TopicBus.Envelope(topic, id, sender == null ? null : sender.id(),
                    message.text() == null, message.binary()));
        } catch (RuntimeException e) {
            // A bus must count its own failures; one that throws must not break local delivery.
            LOG.log(Level.DEBUG, "the topic bus refused a publish", e);
        }
    }

    CompletionStage<Long> clusterSubscriberCount(String topic) {
        try {
            return bus.clusterSubscriberCount(topic);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    // ---- TopicBus.Node ----

    @Override
    public String id() {
        return id;
    }

    @Override
    public void deliver(TopicBus.Envelope envelope) {
        if (id.equals(envelope.originNode())) {
            return; // served locally when it was published
        }
        String topic = TopicRegistry.checkTopic(envelope.topic());
        ByteBuffer payload = envelope.payload();
        Message message;
        if (envelope.binary()) {
            message = new Message(null, payload, Frames.binary(payload), payload.remaining());
        } else {
            message = new Message(utf8(payload), payload, Frames.text(payload),
                    payload.remaining());
        }
        registry.deliverLocally(topic, message);
    }

    private static String utf8(ByteBuffer payload) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(payload.duplicate());
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("a text message from the bus is not valid UTF-8");
        }
    }

    @Override
    public boolean interested(String topic) {
        return registry.subscriberCount(topic) > 0;
    }

    @Override
    public int subscriberCount(String topic) {
        return registry.subscriberCount(topic);
    }

    @Override
    public Set<String> topics() {
        return registry.topics();
    }

    @Override
    public String toString() {
        return "node " + id + " on " + bus.getClass().getSimpleName();
    }
}
