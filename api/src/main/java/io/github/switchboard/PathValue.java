package io.github.switchboard;

import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a path parameter of the endpoint's URI template, by name, decoded of the connection's upgrade request, as {@code String},
 * {@code Optional<String>} or {@code List<String>} (every value, in request order).
 *
 * <p>The name must be a parameter of the endpoint's {@code @ServerEndpoint} path template (checked
 * at deployment), so the value is always present. Injectable only into beans that live no longer
 * than the connection: the endpoint, {@link ConnectionScoped} or {@code @RequestScoped} beans and
 * their {@code @Dependent} beans; anything else is a deployment error.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface PathValue {

    /** The name; not blank. */
    @Nonbinding
    String value();
}
