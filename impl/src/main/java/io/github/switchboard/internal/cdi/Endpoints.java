package io.github.switchboard.internal.cdi;

import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Endpoint instance → its connection, by identity: how a callback that has no {@code Session}
 * parameter, and Tyrus's release of an instance, find the connection. An instance is bound when
 * it is created for its connection and unbound when the connection is finished. Thread-safe.
 */
public final class Endpoints {

    /** Identity, whatever equals and hashCode the endpoint class defines. */
    private record Identity(Object instance) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity other && other.instance == instance;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(instance);
        }
    }

    private final Map<Identity, SwitchboardConnection> byInstance = new ConcurrentHashMap<>();
    /** Instances created where no connection was current: destroyed when Tyrus releases them. */
    private final Map<Identity, Runnable> unowned = new ConcurrentHashMap<>();

    <T> void bindUnowned(T instance, Bean<T> bean, CreationalContext<T> cc) {
        unowned.put(new Identity(instance), () -> bean.destroy(instance, cc));
    }

    void bind(Object instance, SwitchboardConnection c) {
        byInstance.put(new Identity(instance), c);
    }

    void unbind(Object instance) {
        byInstance.remove(new Identity(instance));
    }

    /** The connection {@code instance} was created for, or null. */
    public SwitchboardConnection connectionOf(Object instance) {
        return instance == null ? null : byInstance.get(new Identity(instance));
    }

    /** How many endpoint instances are bound: for leak tests. */
    public int size() {
        return byInstance.size() + unowned.size();
    }

    /**
     * Tyrus has released {@code instance} (after {@code @OnClose}); true when it was one of ours.
     */
    public boolean released(Object instance) {
        SwitchboardConnection c = connectionOf(instance);
        if (c == null) {
            Runnable destroy = instance == null ? null : unowned.remove(new Identity(instance));
            if (destroy != null) {
                destroy.run();
                return true;
            }
            return false;
        }
        c.endpointReleased();
        return true;
    }
}
