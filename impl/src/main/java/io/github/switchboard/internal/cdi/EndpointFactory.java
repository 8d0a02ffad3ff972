package io.github.switchboard.internal.cdi;

import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;

/** Where {@code SwitchboardConfigurator.getEndpointInstance} gets its instances. */
public final class EndpointFactory {

    private EndpointFactory() {
    }

    /**
     * Creates the endpoint instance of the connection the calling thread works for.
     *
     * @throws InstantiationException when no Switchboard connection is current, or the connection
     *         already has one, or CDI fails to create it; the container then closes the
     *         connection with 1011 without calling the endpoint
     */
    public static <T> T create(Class<T> type) throws InstantiationException {
        SwitchboardConnection c = Current.get();
        if (c == null && Current.ioSlot() == null) {
            SwitchboardConnection offered = ContainerCreation.take(type);
            if (offered != null) {
                T instance = offered.createEndpoint(type); // Undertow's eager creation
                ContainerCreation.created(offered, instance);
                return instance;
            }
            T unowned = unowned(type);
            if (unowned != null) {
                return unowned;
            }
        }
        if (c == null) {
            // Tyrus creates an instance lazily at the first callback that needs one; on the
            // embedded server every such callback runs inside a read of the connection or one
            // of Switchboard's own close paths, which name it. What remains is a close started
            // elsewhere (Tyrus's idle timer, Session.close() on another connection's session)
            // of a connection whose endpoint has neither @OnOpen nor a message yet; it got an
            // unowned instance above unless several CDI containers run in this JVM.
            throw new InstantiationException("SWB-1101 an instance of " + type.getName()
                    + " was requested outside any Switchboard connection, so its per-connection "
                    + "values cannot be known; declare @OnOpen on the endpoint to create it when "
                    + "the connection opens");
        }
        return c.createEndpoint(type);
    }

    /**
     * Outside the embedded server (a container that calls {@code getEndpointInstance} where
     * Switchboard cannot name the connection yet): an instance from the application's only CDI
     * container, not bound to a connection, so that injecting per-connection values into it fails
     * ({@code SWB-1104}) while everything else works; destroyed when Tyrus releases it. Null when
     * there is no single CDI container.
     */
    private static <T> T unowned(Class<T> type) throws InstantiationException {
        BeanManager bm;
        try {
            bm = CDI.current().getBeanManager();
        } catch (RuntimeException e) {
            return null;
        }
        Bean<Object> bean = null;
        for (Bean<?> b : bm.getBeans(type)) {
            if (b.getBeanClass() == type) {
                @SuppressWarnings("unchecked")
                Bean<Object> found = (Bean<Object>) b;
                bean = found;
            }
        }
        if (bean == null) {
            return null;
        }
        CreationalContext<Object> cc = bm.createCreationalContext(bean);
        try {
            Object instance = bean.create(cc);
            ConnectionServices.endpoints().bindUnowned(instance, bean, cc);
            return type.cast(instance);
        } catch (RuntimeException | Error e) {
            cc.release();
            InstantiationException failure = new InstantiationException("SWB-1103 creating "
                    + type.getName() + " failed: " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }
}
