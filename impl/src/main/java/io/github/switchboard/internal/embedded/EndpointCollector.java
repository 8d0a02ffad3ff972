package io.github.switchboard.internal.embedded;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.websocket.server.ServerEndpoint;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects the {@code @ServerEndpoint} classes CDI discovers, so that the embedded server can
 * deploy the endpoints it finds when it is given none. Registered as an instance on the Weld
 * builder, never through ServiceLoader, so it only exists in embedded servers.
 */
final class EndpointCollector implements Extension {

    private final Set<Class<?>> endpoints = ConcurrentHashMap.newKeySet();

    void collect(@Observes @WithAnnotations(ServerEndpoint.class) ProcessAnnotatedType<?> pat) {
        Class<?> c = pat.getAnnotatedType().getJavaClass();
        if (c.isAnnotationPresent(ServerEndpoint.class)) {
            endpoints.add(c);
        }
    }

    Set<Class<?>> endpoints() {
        return Set.copyOf(endpoints);
    }
}
