package io.github.switchboard.internal;

import io.github.switchboard.internal.cdi.ConnectionServices;
import org.glassfish.tyrus.core.ComponentProvider;

/**
 * Tyrus's hook for the end of an endpoint instance: Tyrus calls {@link #destroy} for each
 * instance of a session once its {@code @OnClose} has returned (also for instances that a
 * configurator created). Registered through {@code META-INF/services}, read by Tyrus only; it
 * never creates anything ({@link #isApplicable} is false).
 */
public final class TyrusEndpointRelease extends ComponentProvider {

    @Override
    public boolean isApplicable(Class<?> c) {
        return false;
    }

    @Override
    public <T> Object create(Class<T> c) {
        return null;
    }

    @Override
    public boolean destroy(Object o) {
        return ConnectionServices.endpoints().released(o);
    }
}
