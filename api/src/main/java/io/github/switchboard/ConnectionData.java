package io.github.switchboard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type whose instances handshake guards attach to connections
 * ({@code GuardResult.accept(ChatUser.class, user)}), so that it is injectable by its type into
 * beans of the connection: {@code @Inject ChatUser user}, or {@code @Inject Optional<ChatUser>}
 * when a guard may attach none. The type itself stops being a CDI bean.
 *
 * <p>A plain injection is required: an upgrade whose guards attached no value of a type the
 * endpoint needs is refused with 500 (the guards and the endpoint disagree, a server bug). Values
 * attached under a named {@link Key} are read with {@link Connection#data(Key)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ConnectionData {
}
