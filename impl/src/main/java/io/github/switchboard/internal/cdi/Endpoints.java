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
    /**
     * Instances created where no connection was current (containers without the embedded gate):
     * adopted by their connection at its first callback that names it, or destroyed when Tyrus
     * releases them.
     */
    private final Map<Identity, Unowned> unowned = new ConcurrentHashMap<>();

    private record Unowned(Bean<Object> bean, CreationalContext<Object> cc) {
    }

    void bindUnowned(Object instance, Bean<Object> bean, CreationalContext<Object> cc) {
        unowned.put(new Identity(instance), new Unowned(bean, cc));
    }

    /**
     * Binds an unowned {@code instance} to {@code c}, which from now on holds and finishes it as
     * if it had been created for it; nothing happens when the instance is not unowned.
     */
    void adopt(Object instance, SwitchboardConnection c) {
        Identity id = new Identity(instance);
        Unowned u = unowned.remove(id);
        if (u == null) {
            return;
        }
        byInstance.put(id, c); // before the connection holds it: a release then finds c
        if (!c.adoptEndpoint(instance, u.bean(), u.cc())) {
            byInstance.remove(id);
            unowned.put(id, u);
        }
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
            Unowned u = instance == null ? null : unowned.remove(new Identity(instance));
            if (u != null) {
                u.bean().destroy(instance, u.cc());
                return true;
            }
            return false;
        }
        c.endpointReleased();
        return true;
    }
}
