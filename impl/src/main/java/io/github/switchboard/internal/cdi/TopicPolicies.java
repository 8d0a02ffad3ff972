package io.github.switchboard.internal.cdi;

import io.github.switchboard.TopicPolicy;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application's {@link TopicPolicy} beans, found at the first check and kept; every one must
 * allow. A policy that throws denies (fail closed). Denials are counted and logged at most once
 * per {@value #LOG_INTERVAL_SECONDS} seconds ({@code SWB-1113}). Thread-safe.
 */
final class TopicPolicies {

    private static final System.Logger LOG = System.getLogger(TopicPolicies.class.getName());
    private static final int LOG_INTERVAL_SECONDS = 10;

    private final BeanManager beanManager;
    private volatile List<TopicPolicy> policies;
    private final AtomicLong denied = new AtomicLong();
    private final AtomicLong nextLogAt = new AtomicLong(Long.MIN_VALUE);

    private final io.github.switchboard.internal.metrics.Meters meters;

    TopicPolicies(BeanManager beanManager, io.github.switchboard.internal.metrics.Meters meters) {
        this.beanManager = beanManager;
        this.meters = meters;
    }

    private List<TopicPolicy> policies() {
        List<TopicPolicy> p = policies;
        if (p == null) {
            synchronized (this) {
                p = policies;
                if (p == null) {
                    List<TopicPolicy> found = new ArrayList<>();
                    for (Bean<?> bean : beanManager.getBeans(TopicPolicy.class, Any.Literal.INSTANCE)) {
                        found.add((TopicPolicy) beanManager.getReference(bean, TopicPolicy.class,
                                beanManager.createCreationalContext(bean)));
                    }
                    found.sort(Comparator.comparingInt(TopicPolicy::order)
                            .thenComparing(t -> t.getClass().getName()));
                    p = List.copyOf(found);
                    policies = p;
                }
            }
        }
        return p;
    }

    /** Whether every policy allows {@code action} on {@code topic} for {@code c}. */
    boolean allows(SwitchboardConnection c, String topic, TopicPolicy.Action action) {
        List<TopicPolicy> all = policies();
        if (all.isEmpty()) {
            return true;
        }
        SwitchboardConnection previous = Current.push(c);
        try {
            for (TopicPolicy policy : all) {
                boolean allowed;
                Throwable failure = null;
                try {
                    allowed = policy.allows(c, topic, action);
                } catch (Exception | LinkageError e) {
                    allowed = false;
                    failure = e;
                }
                if (!allowed) {
                    deny(c, topic, action, policy, failure);
                    return false;
                }
            }
            return true;
        } finally {
            Current.pop(previous);
        }
    }

    private void deny(SwitchboardConnection c, String topic, TopicPolicy.Action action,
            TopicPolicy policy, Throwable failure) {
        long count = denied.incrementAndGet();
        meters.denied(action);
        long now = System.nanoTime();
        long next = nextLogAt.get();
        if ((next == Long.MIN_VALUE || now - next >= 0)
                && nextLogAt.compareAndSet(next, now + LOG_INTERVAL_SECONDS * 1_000_000_000L)) {
            // The topic name may carry user data: its length only, never its text.
            LOG.log(failure == null ? Level.INFO : Level.WARNING, "SWB-1113 " + action
                    + " denied by " + policy.getClass().getName() + " for " + c + " (a topic of "
                    + topic.length() + " characters); " + count + " denials so far", failure);
        }
    }
}
