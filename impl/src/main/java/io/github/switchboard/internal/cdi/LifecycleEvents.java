package io.github.switchboard.internal.cdi;

import io.github.switchboard.Connection;
import io.github.switchboard.ConnectionClosed;
import io.github.switchboard.ConnectionError;
import io.github.switchboard.ConnectionOpened;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.EventContext;
import jakarta.enterprise.inject.spi.EventMetadata;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.websocket.CloseReason;
import java.lang.System.Logger.Level;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Fires the lifecycle events. Synchronous observers are notified one by one, in priority order,
 * each in its own try block: CDI's own {@code Event.fire} stops at the first observer that
 * throws, and an observer must never break the connection or the others. Asynchronous observers
 * go through {@code fireAsync}; their failures are logged.
 */
final class LifecycleEvents {

    private static final System.Logger LOG = System.getLogger(LifecycleEvents.class.getName());

    private final BeanManager beanManager;

    LifecycleEvents(BeanManager beanManager) {
        this.beanManager = beanManager;
    }

    void opened(Connection c) {
        fire(ConnectionOpened.class, new ConnectionOpened(c), c);
    }

    void closed(Connection c, CloseReason reason) {
        fire(ConnectionClosed.class, new ConnectionClosed(c, reason), c);
    }

    void pong(Connection c) {
        fire(io.github.switchboard.ConnectionPong.class, new io.github.switchboard.ConnectionPong(c), c);
    }

    void drained(Connection c) {
        fire(io.github.switchboard.ConnectionDrained.class,
                new io.github.switchboard.ConnectionDrained(c), c);
    }

    void error(Connection c, Throwable error) {
        fire(ConnectionError.class, new ConnectionError(c, error), c);
    }

    /** Observers per event type, resolved once: they do not change after the boot. */
    private final java.util.Map<Class<?>, Set<?>> resolved =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Whether anything observes {@code type}: frequent events (drain, pong, and the open of every
     * handshake) skip activating the connection's contexts when nobody listens. False when the
     * observers cannot be resolved.
     */
    boolean observed(Class<?> type) {
        try {
            return !resolved.computeIfAbsent(type, t -> beanManager.resolveObserverMethods(
                    newEventOf(t))).isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A stand-in event of {@code type}, only to resolve its observers (they depend on the type). */
    private static Object newEventOf(Class<?> type) {
        if (type == io.github.switchboard.ConnectionDrained.class) {
            return new io.github.switchboard.ConnectionDrained(null);
        }
        if (type == io.github.switchboard.ConnectionPong.class) {
            return new io.github.switchboard.ConnectionPong(null);
        }
        if (type == ConnectionOpened.class) {
            return new ConnectionOpened(null);
        }
        throw new IllegalArgumentException(type.getName());
    }

    @SuppressWarnings("unchecked")
    private <E> void fire(Class<E> type, E event, Connection c) {
        Set<ObserverMethod<? super E>> observers;
        try {
            observers = (Set<ObserverMethod<? super E>>) resolved.computeIfAbsent(type,
                    t -> beanManager.resolveObserverMethods(event));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "SWB-1109 resolving observers of " + type.getSimpleName()
                    + " failed", e);
            return;
        }
        if (observers.isEmpty()) {
            return;
        }
        List<ObserverMethod<? super E>> sync = new ArrayList<>();
        boolean async = false;
        for (ObserverMethod<? super E> o : observers) {
            if (o.isAsync()) {
                async = true;
            } else {
                sync.add(o);
            }
        }
        sync.sort(Comparator.comparingInt(ObserverMethod::getPriority));
        EventContext<E> context = new Context<>(event, type);
        for (ObserverMethod<? super E> o : sync) {
            try {
                notify(o, context);
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, "SWB-1109 an observer of " + type.getSimpleName() + " for "
                        + c + " threw; the connection and the other observers go on ("
                        + o.getBeanClass().getName() + ")", e);
            }
        }
        if (async) {
            beanManager.getEvent().select(type).fireAsync(event).exceptionally(e -> {
                LOG.log(Level.WARNING, "SWB-1109 an asynchronous observer of "
                        + type.getSimpleName() + " for " + c + " threw", e);
                return null;
            });
        }
    }

    @SuppressWarnings("unchecked")
    private static <E> void notify(ObserverMethod<? super E> observer, EventContext<E> context) {
        ((ObserverMethod<E>) observer).notify(context);
    }

    private record Context<E>(E event, Class<E> type) implements EventContext<E>, EventMetadata {
        @Override
        public E getEvent() {
            return event;
        }

        @Override
        public EventMetadata getMetadata() {
            return this;
        }

        @Override
        public Set<Annotation> getQualifiers() {
            return Set.of(Any.Literal.INSTANCE);
        }

        @Override
        public InjectionPoint getInjectionPoint() {
            return null;
        }

        @Override
        public Type getType() {
            return type;
        }
    }
}
