package io.github.switchboard.internal.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds {@link CallbackInterceptor} to the lifecycle methods of Switchboard endpoints; the
 * extension adds it, applications never write it.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ConnectionCallback {

    /** The instance the extension adds. */
    final class Literal extends AnnotationLiteral<ConnectionCallback> implements ConnectionCallback {
        private static final long serialVersionUID = 1L;
        static final Literal INSTANCE = new Literal();
    }
}
