package io.github.switchboard.internal.cdi;

import io.github.switchboard.Cookie;
import io.github.switchboard.Header;
import io.github.switchboard.PathValue;
import io.github.switchboard.Query;
import jakarta.enterprise.inject.spi.InjectionPoint;
import java.lang.annotation.Annotation;

/** The four qualifiers that inject a value of the handshake. */
final class ContextQualifiers {

    private ContextQualifiers() {
    }

    /** The context qualifier of {@code ip}, or null. */
    static Annotation of(InjectionPoint ip) {
        for (Annotation a : ip.getQualifiers()) {
            if (a instanceof Header || a instanceof Cookie || a instanceof Query
                    || a instanceof PathValue) {
                return a;
            }
        }
        return null;
    }

    /** The name a context qualifier carries. */
    static String name(Annotation q) {
        if (q instanceof Header h) {
            return h.value();
        }
        if (q instanceof Cookie c) {
            return c.value();
        }
        if (q instanceof Query qp) {
            return qp.value();
        }
        return ((PathValue) q).value();
    }

    /** How a context qualifier is written in messages: {@code @Header("X-Tenant")}. */
    static String describe(Annotation q) {
        return "@" + q.annotationType().getSimpleName() + "(\"" + name(q) + "\")";
    }
}
