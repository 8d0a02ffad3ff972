package io.github.switchboard.internal.cdi;

import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import java.lang.System.Logger.Level;
import java.util.concurrent.Callable;

/**
 * The life-and-death state machine of a {@link SwitchboardConnection} (see its class Javadoc):
 * admits callbacks ({@link #enter}/{@link #exit}), holds the endpoint instance, and finishes the
 * connection once it has ended, Tyrus holds no endpoint of it and no callback of it runs.
 *
 * <p>Its state is the connection's lifecycle fields, guarded by the connection's monitor
 * ({@code synchronized (c)}, the same lock the connection's own methods take); this class has no
 * instances, so that splitting the connection's code costs an idle connection no object
 * (DESIGN.md §5 "Idle memory"). Events, destruction and sends run outside the lock.
 */
final class ConnectionLifecycle {

    private ConnectionLifecycle() {
    }

    /** A callback (or a read that may run callbacks) starts; false once the connection is finished. */
    static boolean enter(SwitchboardConnection c) {
        synchronized (c) {
            if (c.finished) {
                return false;
            }
            c.active++;
            return true;
        }
    }

    /** The callback that {@link #enter} admitted has returned. */
    static void exit(SwitchboardConnection c) {
        boolean finish;
        synchronized (c) {
            c.active--;
            finish = readyToFinish(c);
        }
        if (finish) {
            finish(c);
        }
    }

    /** Runs {@code body} as a callback of {@code c}; null when the connection is finished. */
    static Boolean within(SwitchboardConnection c, Callable<Boolean> body) throws Exception {
        if (!enter(c)) {
            return null;
        }
        SwitchboardConnection previous = Current.push(c);
        RequestScope request = RequestScope.NONE;
        try {
            request = c.services().activateRequestScope();
            return body.call();
        } finally {
            try {
                request.close();
            } finally {
                Current.pop(previous);
                exit(c);
            }
        }
    }

    /** The upgrade completed and the endpoint's {@code @OnOpen} has run: fires the opened event. */
    static void opened(SwitchboardConnection c) {
        synchronized (c) {
            if (c.finished || c.opened) {
                return;
            }
            c.opened = true;
        }
        SwitchboardConnection.LOG.log(Level.DEBUG,
                () -> io.github.switchboard.internal.LogFields.opened(c.id(), c.handshake()));
        ConnectionServices services = c.services();
        if (!services.events().observed(io.github.switchboard.ConnectionOpened.class)) {
            return; // every handshake comes here: nothing to activate for nobody
        }
        try {
            within(c, () -> {
                services.events().opened(c);
                return Boolean.TRUE;
            });
        } catch (Exception e) {
            SwitchboardConnection.LOG.log(Level.WARNING, "SWB-1109 announcing " + c + " failed", e);
        }
    }

    /** The transport is gone (or the upgrade never happened). */
    static void ended(SwitchboardConnection c) {
        boolean finish;
        c.closing = true;
        c.dropSubscriptions();
        synchronized (c) {
            c.ended = true;
            finish = readyToFinish(c);
        }
        if (finish) {
            finish(c);
        }
    }

    /**
     * Creates the endpoint instance of {@code c} through CDI, with {@code c} current, so that
     * per-connection values are injected from it.
     */
    static <T> T createEndpoint(SwitchboardConnection c, Class<T> type)
            throws InstantiationException {
        // Tyrus asks without a lock: a first message racing a close could ask twice at once.
        synchronized (c.creation) {
            return createEndpointOnce(c, type);
        }
    }

    private static <T> T createEndpointOnce(SwitchboardConnection c, Class<T> type)
            throws InstantiationException {
        synchronized (c) {
            if (c.endpoint != null) {
                throw new InstantiationException("SWB-1102 a second instance of " + type.getName()
                        + " was requested for " + c + "; refusing to bind it to the wrong "
                        + "connection");
            }
        }
        if (!enter(c)) {
            throw new InstantiationException("SWB-1101 " + c + " has already ended");
        }
        SwitchboardConnection previous = Current.push(c);
        try {
            ConnectionServices services = c.services();
            Bean<Object> bean = services.endpointBean(type);
            CreationalContext<Object> cc = services.beanManager().createCreationalContext(bean);
            Object instance;
            try {
                instance = bean.create(cc);
            } catch (RuntimeException | Error e) {
                cc.release();
                InstantiationException failure = new InstantiationException("SWB-1103 creating "
                        + type.getName() + " for " + c + " failed: " + e.getMessage());
                failure.initCause(e);
                throw failure;
            }
            synchronized (c) {
                c.endpoint = instance;
                c.endpointBean = bean;
                c.endpointContext = cc;
                c.endpointHeld = true;
            }
            ConnectionServices.endpoints().bind(instance, c);
            return type.cast(instance);
        } finally {
            Current.pop(previous);
            exit(c);
        }
    }

    /**
     * Takes over an endpoint instance the container created before {@code c} was known (no
     * embedded gate, DESIGN.md §5): {@code c} holds it and destroys it when finished. False when
     * it already has an endpoint or is finished.
     */
    static boolean adoptEndpoint(SwitchboardConnection c, Object instance, Bean<Object> bean,
            CreationalContext<Object> cc) {
        synchronized (c) {
            if (c.endpoint != null || c.finished) {
                return false;
            }
            c.endpoint = instance;
            c.endpointBean = bean;
            c.endpointContext = cc;
            c.endpointHeld = true;
            return true;
        }
    }

    /** Tyrus is done with the endpoint instance ({@code @OnClose} has returned). */
    static void endpointReleased(SwitchboardConnection c) {
        boolean finish;
        synchronized (c) {
            c.endpointHeld = false;
            c.ended = true;
            finish = readyToFinish(c);
        }
        c.closing = true;
        if (finish) {
            finish(c);
        }
    }

    /** Under {@code c}'s lock: decides, once, that now is the time to finish. */
    private static boolean readyToFinish(SwitchboardConnection c) {
        if (c.finished || !c.ended || c.endpointHeld || c.active > 0) {
            return false;
        }
        c.finished = true;
        return true;
    }

    /** Fires the closed event, then destroys the endpoint and the scope. Runs once. */
    private static void finish(SwitchboardConnection c) {
        Object instance;
        Bean<Object> bean;
        CreationalContext<Object> cc;
        boolean announce;
        synchronized (c) {
            instance = c.endpoint;
            bean = c.endpointBean;
            cc = c.endpointContext;
            announce = c.opened;
            c.endpoint = null;
            c.endpointBean = null;
            c.endpointContext = null;
        }
        ConnectionServices services = c.services();
        c.dropSubscriptions();
        c.expiry.cancel();
        services.topics().finished(c);
        if (c.transport() != null) { // it was upgraded
            int code = c.closeReason().getCloseCode().getCode();
            services.meters().closed(code);
            SwitchboardConnection.LOG.log(Level.DEBUG,
                    () -> io.github.switchboard.internal.LogFields.closed(c.id(), code));
        }
        if (c.holdsPlace) {
            services.limits().release(c.place);
        }
        if (instance != null) {
            ConnectionServices.endpoints().unbind(instance); // whatever happens below, nothing stays bound
        }
        SwitchboardConnection previous = Current.push(c);
        RequestScope request = RequestScope.NONE;
        try {
            try {
                request = services.activateRequestScope();
            } catch (RuntimeException e) {
                // CDI has shut down (a connection that outlived the server's close deadline):
                // destroy what can be destroyed without it.
                SwitchboardConnection.LOG.log(Level.DEBUG, "no request context for finishing " + c, e);
            }
            if (announce) {
                services.events().closed(c, c.closeReason());
            }
            if (instance != null) {
                try {
                    bean.destroy(instance, cc);
                } catch (RuntimeException | Error e) {
                    SwitchboardConnection.LOG.log(Level.WARNING,
                            "SWB-1108 destroying the endpoint of " + c + " failed", e);
                }
            }
            c.scope.destroyAll(c);
            c.encoders.destroy();
        } finally {
            c.scopeDestroyed = true;
            c.attributes.clear();
            try {
                request.close();
            } finally {
                Current.pop(previous);
            }
        }
    }
}
