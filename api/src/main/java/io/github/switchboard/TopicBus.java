package io.github.switchboard;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * SPI: joins the {@link Topics} of several nodes (servers running the same application) into one,
 * the way Bun's scaling notes put Redis pub/sub between instances. Without a bus every publish
 * stays on its node. Switchboard ships a Redis implementation ({@code switchboard-redis}); an
 * embedded server takes one through its builder's {@code bus(...)}, or uses the application's CDI
 * bean of this type.
 *
 * <p>What a node tells the bus: {@link #interestChanged} after its subscribers of a topic
 * changed (so the bus can listen only for topics with subscribers here, asking
 * {@link Node#interested}), and one {@link #publish} per publish on this node (after the
 * node's {@link TopicPolicy policies} allowed it and after its local subscribers were served).
 * What it hears back: {@link Node#deliver} for every message another node published to a topic
 * this node is interested in. The node serves its own subscribers itself: a bus must not hand a
 * node its own messages back, which is how a publish reaches no one twice and how the sender of
 * {@link Connection#publish} stays excluded on every node.
 *
 * <p>Guarantees a bus must document, and that the Redis bus gives: at-most-once (a message
 * published while the bus is down, or in flight when it fails, is lost and counted in
 * {@link Stats#dropped()}), in order per publishing node, text stays text and binary stays
 * binary. Apart from {@link #start} and {@link #close} (called by the server's start and
 * stop), nothing here may block: the methods are called on WebSocket callback threads and must
 * return at once (hand the work to the bus's own threads). Implementations are thread-safe.
 *
 * <p>Lifecycle: the node calls {@link #start} once, before anything else, and {@link #close}
 * once when it stops; a bus serves exactly one node.
 */
public interface TopicBus extends AutoCloseable {

    /**
     * Connects this bus to its node; called once. The bus then registers interest in
     * {@link Node#topics()} and keeps doing so after every reconnection.
     *
     * @throws IllegalStateException when already started or closed
     */
    void start(Node node);

    /**
     * The subscribers of {@code topic} on this node changed: it may have gained its first or
     * lost its last. The call is a hint, made after the change is visible, possibly more often
     * than interest flips and from several threads at once; the bus reads the truth from
     * {@link Node#interested} (level-triggered), so the order in which threads report changes
     * never matters. Return at once.
     */
    void interestChanged(String topic);

    /**
     * Sends {@code envelope} to the other nodes interested in its topic, once (not once per
     * node). Never blocks: a publish the bus cannot take now is dropped and counted.
     */
    void publish(Envelope envelope);

    /**
     * The number of subscribers of {@code topic} on every node, this one included, as reported
     * by each node interested in it. Costs one round trip through the bus and one answer per
     * interested node; completes exceptionally when the bus is down or a node does not answer
     * in time. Never blocks the caller.
     */
    CompletionStage<Long> clusterSubscriberCount(String topic);

    /** The counters so far (a snapshot); cheap, for metrics. */
    Stats stats();

    /** Stops listening and releases the connections; idempotent, never throws. */
    @Override
    void close();

    /** What the bus needs from its node. Implemented by Switchboard; thread-safe. */
    interface Node {

        /** This node's id: unique in the cluster, stable until the node stops. Never null. */
        String id();

        /**
         * Serves a message another node published to this node's subscribers of its topic.
         * Returns once it is in their outbound buffers (never waits for the network). Malformed
         * text (invalid UTF-8) is refused with {@link IllegalArgumentException}.
         */
        void deliver(Envelope envelope);

        /** Whether {@code topic} has subscribers on this node now. */
        boolean interested(String topic);

        /** The number of subscribers of {@code topic} on this node now. */
        int subscriberCount(String topic);

        /** The topics with subscribers on this node now (a snapshot). */
        Set<String> topics();
    }

    /**
     * One publish as it travels between nodes. Immutable: the payload is read-only and never
     * modified.
     *
     * @param topic            the topic, a valid topic name (see {@link Topics})
     * @param originNode       the {@link Node#id()} of the node where it was published
     * @param originConnection the {@link Connection#id()} of the publishing connection, or null
     *                         for a publish through {@link Topics} (the server's)
     * @param binary           whether it is a binary message; else text, and the payload is its
     *                         UTF-8
     * @param payload          the message bytes (read-only)
     */
    record Envelope(String topic, String originNode, String originConnection, boolean binary,
            ByteBuffer payload) {

        /** Checks the fields and makes the payload a read-only view. */
        public Envelope {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(originNode, "originNode");
            payload = Objects.requireNonNull(payload, "payload").asReadOnlyBuffer();
        }

        /** The payload bytes as a new array. */
        public byte[] bytes() {
            byte[] b = new byte[payload.remaining()];
            payload.duplicate().get(b);
            return b;
        }
    }

    /**
     * A bus's counters since it started. Immutable.
     *
     * @param published publishes the bus accepted and sent
     * @param dropped   publishes lost: the bus was down, its bound of pending publishes was
     *                  reached, or the send failed
     * @param received  messages from other nodes delivered here
     * @param malformed messages heard on the bus that were not valid envelopes, ignored
     * @param connected whether the bus is connected now
     */
    record Stats(long published, long dropped, long received, long malformed, boolean connected) {
    }
}
