package io.github.switchboard;

import java.util.Objects;

/**
 * A typed key for application data attached to a connection: a name plus the type of its value.
 * Two keys are equal when both name and type are equal, so {@code Key.of("user", User.class)} and
 * {@code Key.of("user", String.class)} are different keys and cannot read each other's value.
 *
 * <p>Immutable and thread-safe. Declare keys as constants:
 * <pre>{@code static final Key<User> USER = Key.of("user", User.class);}</pre>
 *
 * @param <T> the type of the value stored under this key
 */
public final class Key<T> {

    private final String name;
    private final Class<T> type;

    private Key(String name, Class<T> type) {
        this.name = name;
        this.type = type;
    }

    /**
     * A key with an explicit name.
     *
     * @throws IllegalArgumentException if {@code name} is blank or {@code type} is primitive
     *         (use the wrapper type: a primitive value is always boxed)
     */
    public static <T> Key<T> of(String name, Class<T> type) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a Key needs a non-blank name");
        }
        if (type.isPrimitive()) {
            throw new IllegalArgumentException(
                    "a Key cannot have the primitive type " + type + "; use its wrapper class");
        }
        return new Key<>(name, type);
    }

    /**
     * The key that identifies data by its type alone (its name is the type's binary name). This is
     * the key behind "inject the attached data by its type".
     */
    public static <T> Key<T> of(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return of(type.getName(), type);
    }

    /** The name given at creation. */
    public String name() {
        return name;
    }

    /** The type of the value; {@link #cast(Object)} checks against it. */
    public Class<T> type() {
        return type;
    }

    /**
     * Checks that {@code value} is of this key's type and returns it typed.
     *
     * @throws IllegalArgumentException naming the key and both types when it is not
     */
    public T cast(Object value) {
        Objects.requireNonNull(value, "value");
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("value of type " + value.getClass().getName()
                    + " does not fit " + this);
        }
        return type.cast(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key<?> other && name.equals(other.name) && type.equals(other.type);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + type.hashCode();
    }

    @Override
    public String toString() {
        return "Key[" + name + ": " + type.getName() + "]";
    }
}
