package io.github.switchboard;

import jakarta.enterprise.context.NormalScope;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A CDI normal scope that lives exactly as long as one WebSocket connection of a Switchboard
 * endpoint. Its context is active during every callback of that connection (open, message,
 * close, error) and inside {@link Connection#run}; a bean of this scope is created on first use
 * and destroyed once, after the connection's last running callback has returned.
 *
 * <p>Not the HTTP session: {@code @SessionScoped} in a Jakarta EE server means the servlet
 * session, which outlives or is shared by connections.
 */
@NormalScope
@Inherited
@Documented
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ConnectionScoped {
}
