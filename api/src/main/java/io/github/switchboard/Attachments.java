package io.github.switchboard;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Typed application data attached to a connection at its handshake: Bun's
 * {@code server.upgrade(req, { data })}. Guards add values with {@link GuardResult.Accept#with};
 * endpoints read them back with their type, never with a cast.
 *
 * <p>Immutable and thread-safe: {@link #with} returns a new instance. Values are never null.
 */
public final class Attachments {

    /** The key under which the attachments are stored in the connection's user properties. */
    public static final String USER_PROPERTY = "io.github.switchboard.Attachments";

    private static final Attachments EMPTY = new Attachments(Map.of());

    /** Insertion-ordered, unmodifiable; every value is an instance of its key's type. */
    private final Map<Key<?>, Object> values;

    private Attachments(Map<Key<?>, Object> values) {
        this.values = values;
    }

    /** No data. */
    public static Attachments empty() {
        return EMPTY;
    }

    /**
     * A copy with {@code value} stored under {@code key}, replacing an earlier value of that key.
     *
     * @throws IllegalArgumentException if {@code value} is not of the key's type (possible only
     *         through raw types or unchecked casts)
     */
    public <T> Attachments with(Key<T> key, T value) {
        Objects.requireNonNull(key, "key");
        T checked = key.cast(value);
        Map<Key<?>, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, checked);
        return new Attachments(Collections.unmodifiableMap(copy));
    }

    /** A copy with {@code value} stored under {@link Key#of(Class) Key.of(type)}. */
    public <T> Attachments with(Class<T> type, T value) {
        return with(Key.of(type), value);
    }

    /** A copy holding the values of both; on equal keys {@code other} wins. */
    public Attachments withAll(Attachments other) {
        Objects.requireNonNull(other, "other");
        if (other.values.isEmpty()) {
            return this;
        }
        if (values.isEmpty()) {
            return other;
        }
        Map<Key<?>, Object> copy = new LinkedHashMap<>(values);
        copy.putAll(other.values);
        return new Attachments(Collections.unmodifiableMap(copy));
    }

    /** The value under {@code key}, or empty. */
    public <T> Optional<T> get(Key<T> key) {
        Objects.requireNonNull(key, "key");
        Object v = values.get(key);
        return v == null ? Optional.empty() : Optional.of(key.type().cast(v));
    }

    /** The value stored by its type ({@link Key#of(Class)}), or empty. */
    public <T> Optional<T> get(Class<T> type) {
        return get(Key.of(type));
    }

    /**
     * The value under {@code key}.
     *
     * @throws java.util.NoSuchElementException naming the key when absent
     */
    public <T> T require(Key<T> key) {
        return get(key).orElseThrow(() -> new java.util.NoSuchElementException(
                "no value attached under " + key + "; attached: " + values.keySet()));
    }

    /** Whether a value is stored under {@code key}. */
    public boolean contains(Key<?> key) {
        return values.containsKey(Objects.requireNonNull(key, "key"));
    }

    /** The keys, in the order they were first attached. */
    public Set<Key<?>> keys() {
        return values.keySet();
    }

    /** Whether nothing is attached. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * The data the guards attached to a connection opened through the Switchboard configurator;
     * empty when no guard attached anything.
     *
     * @throws IllegalStateException if the endpoint does not use the Switchboard configurator
     */
    public static Attachments of(jakarta.websocket.Session session) {
        Objects.requireNonNull(session, "session");
        Handshake.of(session); // fails with the configurator hint when it is missing
        return session.getUserProperties().get(USER_PROPERTY) instanceof Attachments a ? a : EMPTY;
    }

    /** Names the keys only: attached values may be secrets and are never printed. */
    @Override
    public String toString() {
        return "Attachments" + values.keySet();
    }
}
