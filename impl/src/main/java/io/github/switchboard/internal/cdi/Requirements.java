package io.github.switchboard.internal.cdi;

import io.github.switchboard.Attachments;
import io.github.switchboard.ConnectionData;
import io.github.switchboard.Cookie;
import io.github.switchboard.Handshake;
import io.github.switchboard.Header;
import io.github.switchboard.Query;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionPoint;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The values a connection of one endpoint must carry because the endpoint, or a
 * {@code @Dependent} bean created with it, injects them as plain (not {@code Optional}) values:
 * checked in {@code modifyHandshake}, so that a missing one refuses the upgrade instead of
 * failing the connection after it opened. Immutable.
 */
public record Requirements(Set<String> headers, Set<String> cookies, Set<String> queries,
        Set<Class<?>> data) {

    /** What is missing, and the status that refuses the upgrade for it. */
    public record Missing(int status, String what) {
    }

    static final Requirements NONE = new Requirements(Set.of(), Set.of(), Set.of(), Set.of());

    static Requirements of(BeanManager bm, Class<?> endpoint) {
        Set<String> headers = new LinkedHashSet<>();
        Set<String> cookies = new LinkedHashSet<>();
        Set<String> queries = new LinkedHashSet<>();
        Set<Class<?>> data = new LinkedHashSet<>();
        Bean<?> root = null;
        for (Bean<?> b : bm.getBeans(endpoint)) {
            if (b.getBeanClass() == endpoint) {
                root = b;
            }
        }
        if (root == null) {
            return NONE;
        }
        Deque<Bean<?>> todo = new ArrayDeque<>();
        Set<Bean<?>> seen = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        todo.add(root);
        seen.add(root);
        while (!todo.isEmpty()) {
            for (InjectionPoint ip : todo.poll().getInjectionPoints()) {
                Type type = ip.getType();
                Annotation q = ContextQualifiers.of(ip);
                if (q != null) {
                    if (type == String.class) {
                        if (q instanceof Header h) {
                            headers.add(h.value());
                        } else if (q instanceof Cookie c) {
                            cookies.add(c.value());
                        } else if (q instanceof Query qp) {
                            queries.add(qp.value());
                        }
                    }
                    continue;
                }
                if (type instanceof Class<?> c && c.isAnnotationPresent(ConnectionData.class)) {
                    data.add(c);
                    continue;
                }
                if (type == InjectionPoint.class || isInstance(type)) {
                    continue;
                }
                Bean<?> dependency;
                try {
                    dependency = bm.resolve(bm.getBeans(type,
                            ip.getQualifiers().toArray(new Annotation[0])));
                } catch (RuntimeException e) {
                    continue; // CDI's validation reports it
                }
                if (dependency != null && dependency.getScope() == Dependent.class
                        && seen.add(dependency)) {
                    todo.add(dependency);
                }
            }
        }
        return new Requirements(Set.copyOf(headers), Set.copyOf(cookies), Set.copyOf(queries),
                Set.copyOf(data));
    }

    private static boolean isInstance(Type type) {
        Type raw = type instanceof ParameterizedType p ? p.getRawType() : type;
        return raw == Instance.class || raw == jakarta.inject.Provider.class;
    }

    /** The first requirement {@code handshake} and {@code attached} do not meet, or null. */
    public Missing missing(Handshake handshake, Attachments attached) {
        for (String h : headers) {
            if (handshake.header(h).isEmpty()) {
                return new Missing(400, "header " + h);
            }
        }
        for (String c : cookies) {
            if (handshake.cookie(c).isEmpty()) {
                return new Missing(400, "cookie " + c);
            }
        }
        for (String q : queries) {
            if (handshake.queryParameter(q).isEmpty()) {
                return new Missing(400, "query parameter " + q);
            }
        }
        for (Class<?> d : data) {
            if (attached.get(d).isEmpty()) {
                return new Missing(500, "attached " + d.getName());
            }
        }
        return null;
    }
}
