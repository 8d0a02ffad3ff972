package io.github.switchboard.internal.cdi;

import io.github.switchboard.ConnectionScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.spi.AlterableContext;
import jakarta.enterprise.context.spi.Contextual;
import jakarta.enterprise.context.spi.CreationalContext;
import java.lang.annotation.Annotation;

/**
 * The context of {@link ConnectionScoped}: active on a thread while it works for a connection
 * ({@link Current}) whose scope has not been destroyed; the instances live in that connection.
 * Stateless; one instance per CDI container.
 */
final class ConnectionContext implements AlterableContext {

    @Override
    public Class<? extends Annotation> getScope() {
        return ConnectionScoped.class;
    }

    @Override
    public boolean isActive() {
        SwitchboardConnection c = Current.get();
        return c != null && c.scopeActive();
    }

    @Override
    public <T> T get(Contextual<T> contextual, CreationalContext<T> creationalContext) {
        SwitchboardConnection c = require();
        return creationalContext == null ? c.scope.get(contextual)
                : c.scope.get(contextual, creationalContext, c);
    }

    @Override
    public <T> T get(Contextual<T> contextual) {
        return require().scope.get(contextual);
    }

    @Override
    public void destroy(Contextual<?> contextual) {
        require().scope.destroy(contextual);
    }

    private static SwitchboardConnection require() {
        SwitchboardConnection c = Current.get();
        if (c == null || !c.scopeActive()) {
            throw new ContextNotActiveException("SWB-1104 no WebSocket connection is active on "
                    + "this thread: @ConnectionScoped beans exist only during a connection's "
                    + "callbacks and inside Connection.run/call");
        }
        return c;
    }
}
