package io.github.switchboard;

import java.util.Objects;

/**
 * One {@code name=value} pair of the request's {@code Cookie} header, as RFC 6265 §4.2 sends it.
 * The value is kept exactly as sent: surrounding double quotes are removed (they are not part of
 * the value), nothing is percent- or otherwise decoded, and commas, {@code =} and quotes inside
 * the value are preserved.
 *
 * @param name  the cookie name, never empty
 * @param value the cookie value, possibly empty
 */
public record RequestCookie(String name, String value) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException     when {@code name} or {@code value} is null
     * @throws IllegalArgumentException when {@code name} is empty
     */
    public RequestCookie {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a cookie needs a name");
        }
    }

    /** Prints the name only: cookie values are credentials more often than not. */
    @Override
    public String toString() {
        return name + "=<redacted>";
    }
}
