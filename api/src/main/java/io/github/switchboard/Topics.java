package io.github.switchboard;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Publish/subscribe across the connections of this application, with Bun's semantics: inject it
 * anywhere ({@code @Inject Topics topics}: a REST resource, a scheduler, an endpoint). A message is
 * framed once per publish and the same bytes go to every subscriber's outbound buffer; a slow
 * subscriber never slows the publisher or the others (its own buffer fills, then its messages are
 * dropped and reported).
 *
 * <p>Topic names are 1 to {@value #MAX_TOPIC_LENGTH} characters: publishing or subscribing with
 * anything else is refused with {@link IllegalArgumentException}, while the queries
 * ({@link #subscriberCount}, {@link #subscribers}) answer 0 and an empty set, since no such topic
 * has subscribers. Every other outcome is a result: unknown topics have no subscribers, closed
 * connections are never subscribed, nothing throws after a connection or the server has stopped.
 * Thread-safe; no method blocks on the network.
 */
public interface Topics {

    /** The longest topic name, in characters. */
    int MAX_TOPIC_LENGTH = 256;

    /** Sends a text message to every subscriber of {@code topic}. */
    PublishResult publish(String topic, String text);

    /** Sends a binary message (the remaining bytes, not modified) to every subscriber. */
    PublishResult publish(String topic, ByteBuffer data);

    /** Sends a binary message to every subscriber. */
    default PublishResult publish(String topic, byte[] data) {
        return publish(topic, ByteBuffer.wrap(data));
    }

    /** The number of connections subscribed to {@code topic}; 0 for an unknown topic. */
    int subscriberCount(String topic);

    /**
     * The number of subscribers of {@code topic} on every node of the cluster. Without a
     * {@link TopicBus} it is {@link #subscriberCount} (already completed); with one it asks every
     * node interested in the topic (one round trip through the bus, one answer per such node) and
     * completes exceptionally when the bus is down or a node does not answer in time. Never
     * blocks; prefer {@link #subscriberCount} where this node's count is enough.
     */
    default CompletionStage<Long> clusterSubscriberCount(String topic) {
        return CompletableFuture.completedFuture((long) subscriberCount(topic));
    }

    /** The topics that have at least one subscriber now (a snapshot). */
    Set<String> topics();

    /** Subscribes {@code connection}; false when it already was or has closed. */
    boolean subscribe(Connection connection, String topic);

    /** Unsubscribes {@code connection}; false when it was not subscribed. */
    boolean unsubscribe(Connection connection, String topic);

    /** The open connection with this {@link Connection#id() id}, if any. */
    Optional<Connection> connection(String id);

    /** The connections subscribed to {@code topic} now (a snapshot); empty for an unknown topic. */
    Set<Connection> subscribers(String topic);
}
