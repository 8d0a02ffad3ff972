package io.github.switchboard.redis;

import io.github.switchboard.TopicBus;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Keeps the node's Redis channel subscriptions equal to the topics it has local subscribers for.
 * Level-triggered: a change only marks its topic; the bus thread then compares the node's truth
 * ({@link TopicBus.Node#interested}) with what Redis was told and sends one SUBSCRIBE and one
 * UNSUBSCRIBE for everything that differs. So the order in which threads report changes cannot
 * leave a wrong subscription behind, and a failed command (Redis down) is simply retried: the
 * topics stay marked and the thread tries again after {@code retryDelay}. After a reconnection
 * every known topic is sent again ({@link #resync}); SUBSCRIBE is idempotent in Redis.
 *
 * <p>{@link #changed} and {@link #resync} are thread-safe and never block; everything else runs
 * on the bus thread, which alone touches {@code subscribed}.
 */
final class Interests {

    private static final System.Logger LOG = System.getLogger(Interests.class.getName());

    private final TopicBus.Node node;
    private final StatefulRedisPubSubConnection<String, byte[]> pubsub;
    private final ScheduledExecutorService thread;
    private final Function<String, String> channel;
    private final String nodeChannel;
    private final Duration timeout;
    private final Duration retryDelay;
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean resync = new AtomicBoolean(true);
    /** Topics Redis confirmed; bus thread only. */
    private final Set<String> subscribed = new HashSet<>();

    Interests(TopicBus.Node node, StatefulRedisPubSubConnection<String, byte[]> pubsub,
            ScheduledExecutorService thread, Function<String, String> channel, String nodeChannel,
            Duration timeout, Duration retryDelay) {
        this.node = node;
        this.pubsub = pubsub;
        this.thread = thread;
        this.channel = channel;
        this.nodeChannel = nodeChannel;
        this.timeout = timeout;
        this.retryDelay = retryDelay;
    }

    /** {@code topic} may have gained its first or lost its last local subscriber. */
    void changed(String topic) {
        if (dirty.add(topic)) { // else a run is already due that will read it
            schedule(0);
        }
    }

    /** After a (re)connection: tell Redis every interest again. */
    void resync() {
        resync.set(true);
        schedule(0);
    }

    private void schedule(long delayMillis) {
        if (scheduled.compareAndSet(false, true)) {
            try {
                thread.schedule(this::run, delayMillis, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                scheduled.set(false); // closed
            }
        }
    }

    private void run() {
        scheduled.set(false);
        boolean all = resync.getAndSet(false);
        Set<String> topics = new HashSet<>();
        for (String t : dirty) {
            dirty.remove(t); // a change after this line marks it again
            topics.add(t);
        }
        if (all) {
            topics.addAll(subscribed);
            topics.addAll(node.topics());
        }
        List<String> subscribe = new ArrayList<>();
        List<String> unsubscribe = new ArrayList<>();
        for (String t : topics) {
            boolean want = node.interested(t);
            if (want && (all || !subscribed.contains(t))) {
                subscribe.add(t);
            } else if (!want && (all || subscribed.contains(t))) {
                unsubscribe.add(t);
            }
        }
        boolean ok = true;
        if (all || !subscribe.isEmpty()) {
            List<String> channels = new ArrayList<>(subscribe.size() + 1);
            subscribe.forEach(t -> channels.add(channel.apply(t)));
            if (all) {
                channels.add(nodeChannel); // the node's own channel, for count answers
            }
            ok = send(true, channels);
            if (ok) {
                subscribed.addAll(subscribe);
            }
        }
        if (ok && !unsubscribe.isEmpty()) {
            List<String> channels = new ArrayList<>(unsubscribe.size());
            unsubscribe.forEach(t -> channels.add(channel.apply(t)));
            ok = send(false, channels);
            if (ok) {
                subscribed.removeAll(unsubscribe);
            }
        }
        if (!ok) {
            dirty.addAll(subscribe);
            dirty.addAll(unsubscribe);
            if (all) {
                resync.set(true);
            }
            schedule(retryDelay.toMillis());
        }
    }

    private boolean send(boolean subscribe, List<String> channels) {
        String[] c = channels.toArray(String[]::new);
        try {
            var future = subscribe ? pubsub.async().subscribe(c) : pubsub.async().unsubscribe(c);
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.log(Level.DEBUG, () -> (subscribe ? "SUBSCRIBE" : "UNSUBSCRIBE") + " of "
                    + c.length + " channels failed, retrying in " + retryDelay.toMillis() + " ms",
                    e);
            return false;
        }
    }

    /** The topics Redis confirmed (bus thread only; for tests through the bus thread). */
    int confirmed() {
        return subscribed.size();
    }
}
