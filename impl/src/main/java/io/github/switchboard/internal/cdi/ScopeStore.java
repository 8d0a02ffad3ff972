package io.github.switchboard.internal.cdi;

import jakarta.enterprise.context.spi.Contextual;
import jakarta.enterprise.context.spi.CreationalContext;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link io.github.switchboard.ConnectionScoped} instances of one connection. Reads are
 * lock-free (every call through a client proxy reads); creation and destruction hold the store's
 * lock, re-entrantly, because creating one bean may create another of the same scope.
 */
final class ScopeStore {

    private static final System.Logger LOG = System.getLogger(ScopeStore.class.getName());

    private record Held<T>(Contextual<T> contextual, T instance, CreationalContext<T> context) {
        void destroy() {
            contextual.destroy(instance, context);
        }
    }

    private final Map<Contextual<?>, Held<?>> instances = new ConcurrentHashMap<>();
    /** Set under the lock once destroyAll ran: nothing is created afterwards. */
    private boolean closed;

    @SuppressWarnings("unchecked")
    <T> T get(Contextual<T> contextual) {
        Held<?> held = instances.get(contextual);
        return held == null ? null : (T) held.instance();
    }

    <T> T get(Contextual<T> contextual, CreationalContext<T> context, SwitchboardConnection owner) {
        T existing = get(contextual);
        if (existing != null) {
            return existing;
        }
        synchronized (this) {
            existing = get(contextual);
            if (existing != null) {
                return existing;
            }
            if (closed) {
                throw new jakarta.enterprise.context.ContextNotActiveException("SWB-1106 the "
                        + "connection scope of " + owner + " has been destroyed");
            }
            T created = contextual.create(context);
            instances.put(contextual, new Held<>(contextual, created, context));
            return created;
        }
    }

    void destroy(Contextual<?> contextual) {
        Held<?> held;
        synchronized (this) {
            held = instances.remove(contextual);
        }
        if (held != null) {
            held.destroy();
        }
    }

    /** Destroys every instance, each failure logged on its own; later creations fail. */
    void destroyAll(SwitchboardConnection owner) {
        List<Held<?>> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(instances.values());
            instances.clear();
        }
        for (Held<?> held : all) {
            try {
                held.destroy();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, "SWB-1108 destroying a @ConnectionScoped bean of " + owner
                        + " failed", e);
            }
        }
    }

    int size() {
        return instances.size();
    }
}
