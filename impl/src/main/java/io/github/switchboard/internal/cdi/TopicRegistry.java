package io.github.switchboard.internal.cdi;

import io.github.switchboard.Connection;
import io.github.switchboard.PublishResult;
import io.github.switchboard.SendResult;
import io.github.switchboard.Topics;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The subscriptions of one application, keyed both ways: topic → subscribers here, connection →
 * topics in the connection. The two agree at every moment a lock is not held: a connection's
 * topics change only under that connection's subscription lock, and each topic's entry only
 * inside an atomic {@code compute} of the map, so nothing is half-subscribed and an emptied topic
 * disappears. A closed connection is never subscribed: it drops every subscription under its
 * lock and refuses new ones from then on. Publishing reads a topic's set without any lock and
 * never holds one while sending. Also the registry of open connections by id.
 *
 * <p>With a {@link io.github.switchboard.TopicBus} ({@link BusLink}) the registry also tells the
 * bus after every change of a topic's subscribers (after the {@code compute}, so the bus reads
 * the new state: called inside it, a bus thread read the old one and missed an interest, found
 * by a test), and hands every publish to it once after serving the local subscribers. Without
 * one, those paths read one null field.
 */
final class TopicRegistry implements Topics {

    private final Map<String, Set<SwitchboardConnection>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, SwitchboardConnection> open = new ConcurrentHashMap<>();
    /** The bus while one runs; null: every path stays local. */
    private volatile BusLink bus;

    static String checkTopic(String topic) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("a topic name must not be empty");
        }
        if (topic.length() > MAX_TOPIC_LENGTH) {
            throw new IllegalArgumentException("a topic name has at most " + MAX_TOPIC_LENGTH
                    + " characters, not " + topic.length());
        }
        return topic;
    }

    /** Under {@code c}'s subscription lock: adds {@code c} to {@code topic}'s subscribers. */
    void added(SwitchboardConnection c, String topic) {
        subscribers.compute(topic, (t, set) -> {
            Set<SwitchboardConnection> s = set != null ? set : ConcurrentHashMap.newKeySet();
            s.add(c);
            return s;
        });
        BusLink b = bus;
        if (b != null) {
            b.interestChanged(topic);
        }
    }

    /** Under {@code c}'s subscription lock: removes {@code c}; an emptied topic is forgotten. */
    void removed(SwitchboardConnection c, String topic) {
        subscribers.computeIfPresent(topic, (t, set) -> {
            set.remove(c);
            return set.isEmpty() ? null : set;
        });
        BusLink b = bus;
        if (b != null) {
            b.interestChanged(topic);
        }
    }

    void opened(SwitchboardConnection c) {
        open.put(c.id(), c);
    }

    void finished(SwitchboardConnection c) {
        open.remove(c.id(), c);
    }

    /** The application's recorder; set once by its connection services. */
    private volatile io.github.switchboard.internal.metrics.Meters meters =
            io.github.switchboard.internal.metrics.Meters.NONE;

    void meters(io.github.switchboard.internal.metrics.Meters m) {
        meters = m;
    }

    void attach(BusLink link) {
        bus = link;
        meters.bus(link.bus());
    }

    void detach(BusLink link) {
        if (bus == link) {
            bus = null;
            meters.bus(null);
        }
    }

    /** Whether a bus is attached and reports itself not connected (readiness). */
    boolean busDown() {
        BusLink b = bus;
        return b != null && !b.connected();
    }

    /**
     * Offers {@code message} to every subscriber here but {@code sender} (null: nobody
     * excluded), then to the bus if one runs.
     */
    PublishResult publish(String topic, Message message, SwitchboardConnection sender) {
        meters.published(sender != null);
        PublishResult local = deliverLocally(checkTopic(topic), message, sender);
        BusLink b = bus;
        if (b != null) {
            b.publish(topic, message, sender);
        }
        return local;
    }

    /** A message from another node: this node's subscribers only. */
    PublishResult deliverLocally(String topic, Message message) {
        return deliverLocally(topic, message, null);
    }

    private PublishResult deliverLocally(String topic, Message message,
            SwitchboardConnection sender) {
        Set<SwitchboardConnection> set = subscribers.get(topic);
        if (set == null) {
            return PublishResult.none();
        }
        if (sender != null && sender.options().publishToSelf()) {
            sender = null; // the endpoint asked to receive its own publishes
        }
        int recipients = 0;
        int written = 0;
        int queued = 0;
        int dropped = 0;
        int closed = 0;
        for (SwitchboardConnection c : set) {
            if (c == sender) {
                continue;
            }
            recipients++;
            SendResult r = c.sendMessage(message);
            switch (r.status()) {
                case WRITTEN -> written++;
                case QUEUED -> queued++;
                case DROPPED -> dropped++;
                case CLOSED -> closed++;
            }
        }
        return new PublishResult(recipients, written, queued, dropped, closed);
    }

    @Override
    public PublishResult publish(String topic, String text) {
        checkTopic(topic);
        return publish(topic, Message.text(java.util.Objects.requireNonNull(text, "text")), null);
    }

    @Override
    public PublishResult publish(String topic, ByteBuffer data) {
        checkTopic(topic);
        return publish(topic, Message.binary(java.util.Objects.requireNonNull(data, "data")), null);
    }

    @Override
    public int subscriberCount(String topic) {
        if (topic == null || topic.isEmpty() || topic.length() > MAX_TOPIC_LENGTH) {
            return 0;
        }
        Set<SwitchboardConnection> set = subscribers.get(topic);
        return set == null ? 0 : set.size();
    }

    @Override
    public java.util.concurrent.CompletionStage<Long> clusterSubscriberCount(String topic) {
        BusLink b = bus;
        if (b == null || topic == null || topic.isEmpty() || topic.length() > MAX_TOPIC_LENGTH) {
            return Topics.super.clusterSubscriberCount(topic);
        }
        return b.clusterSubscriberCount(topic);
    }

    @Override
    public Set<String> topics() {
        return Set.copyOf(subscribers.keySet());
    }

    @Override
    public boolean subscribe(Connection connection, String topic) {
        return connection.current().subscribe(topic);
    }

    @Override
    public boolean unsubscribe(Connection connection, String topic) {
        return connection.current().unsubscribe(topic);
    }

    @Override
    public Optional<Connection> connection(String id) {
        return Optional.ofNullable(id == null ? null : open.get(id));
    }

    @Override
    public Set<Connection> subscribers(String topic) {
        if (topic == null || topic.isEmpty() || topic.length() > MAX_TOPIC_LENGTH) {
            return Set.of();
        }
        Set<SwitchboardConnection> set = subscribers.get(topic);
        return set == null ? Set.of() : Set.copyOf(set);
    }

    /** The connections open now (a live view), for the embedded server's idle sweep. */
    java.util.Collection<SwitchboardConnection> openConnections() {
        return open.values();
    }
}
