package io.github.switchboard;

import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a request cookie, by name (case-sensitive, RFC 6265) of the connection's upgrade request, as {@code String},
 * {@code Optional<String>} or {@code List<String>} (every value, in request order).
 *
 * <p>A plain {@code String} is required: when the endpoint or a bean created with it needs a
 * cookie the request lacks, the upgrade is refused with 400; when a bean created later in a
 * callback needs it, the connection is closed with 1008 (policy violation). Use
 * {@code Optional<String>} for a cookie that may be missing. Injectable only into beans that live
 * no longer than the connection: the endpoint, {@link ConnectionScoped} or {@code @RequestScoped}
 * beans and their {@code @Dependent} beans; anything else is a deployment error.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface Cookie {

    /** The name; not blank. */
    @Nonbinding
    String value();
}
