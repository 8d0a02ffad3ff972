package io.github.switchboard.internal.cdi;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One connection's side of the topic registry: its topics, changed together with the
 * registry's side under this object's lock (see {@link TopicRegistry}). Closed once the
 * connection closes: every topic is dropped and nothing can be added afterwards.
 */
final class Subscriptions {

    private final SwitchboardConnection owner;
    private final TopicRegistry registry;
    private final int max;
    private final Set<String> topics = new LinkedHashSet<>(); // guarded by this
    private boolean closed; // guarded by this

    Subscriptions(SwitchboardConnection owner, TopicRegistry registry, int max) {
        this.owner = owner;
        this.registry = registry;
        this.max = max;
    }

    /** False when already subscribed, closed, or at the maximum. */
    synchronized boolean subscribe(String topic) {
        if (closed || topics.contains(topic) || topics.size() >= max) {
            return false;
        }
        topics.add(topic);
        registry.added(owner, topic);
        return true;
    }

    synchronized boolean unsubscribe(String topic) {
        if (!topics.remove(topic)) {
            return false;
        }
        registry.removed(owner, topic);
        return true;
    }

    synchronized boolean contains(String topic) {
        return topics.contains(topic);
    }

    synchronized Set<String> snapshot() {
        return Set.copyOf(topics);
    }

    /** Drops every topic and refuses new ones. Idempotent. */
    synchronized void close() {
        closed = true;
        for (String topic : topics) {
            registry.removed(owner, topic);
        }
        topics.clear();
    }
}
