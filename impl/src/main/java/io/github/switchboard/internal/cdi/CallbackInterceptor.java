package io.github.switchboard.internal.cdi;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Around every lifecycle method of a Switchboard endpoint ({@code @OnOpen}, {@code @OnMessage},
 * {@code @OnClose}, {@code @OnError}, and {@code onOpen/onClose/onError} of programmatic
 * endpoints): makes the connection current (so its {@code @ConnectionScoped} context is active),
 * activates a request context unless one is active, counts the callback as running so that the
 * connection is not destroyed under it, records the close reason, and fires the error event.
 *
 * <p>The connection is found from the endpoint instance (bound when it was created for the
 * connection), from a {@code Session} parameter, or from the thread ({@link Current}). Stateless;
 * thread-safe.
 */
@ConnectionCallback
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class CallbackInterceptor {

    private enum Kind { OPEN, MESSAGE, CLOSE, ERROR }

    private static final Map<Method, Kind> KINDS = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Boolean> HANDLES_ERRORS = new ConcurrentHashMap<>();

    @AroundInvoke
    Object around(InvocationContext ic) throws Exception {
        Object[] parameters = ic.getParameters();
        Session session = null;
        for (Object p : parameters) {
            if (p instanceof Session s) {
                session = s;
                break;
            }
        }
        SwitchboardConnection c = ConnectionServices.endpoints().connectionOf(ic.getTarget());
        if (c == null && session != null) {
            c = SwitchboardConnection.of(session);
        }
        if (c == null) {
            // A decorated method's target is Weld's decorator chain, not the bound instance;
            // the embedded gate still names the connection whose read runs this callback.
            c = Current.get();
        }
        if (c == null) {
            if (session != null && ContainerCreation.refuseIfMarked(session, ic.getTarget())) {
                return null; // the fallback refusal: closed before the endpoint runs
            }
            return ic.proceed();
        }
        if (c.containerCreated() && !ContainerCreation.beforeCallback(c, session, ic.getTarget())) {
            return null; // another connection's session (SWB-1120): closed
        }
        if (session != null) {
            c.bindSession(session);
            // Without the embedded gate the container created the instance before the
            // connection was known: the connection takes it over, so it is finished with it.
            ConnectionServices.endpoints().adopt(ic.getTarget(), c);
        }
        if (!c.enter()) {
            return ic.proceed();
        }
        Kind kind = KINDS.computeIfAbsent(ic.getMethod(), CallbackInterceptor::kind);
        if (kind == Kind.MESSAGE && !c.admitMessage(parameters)
                && !(ic.getMethod().getReturnType().isPrimitive()
                        && ic.getMethod().getReturnType() != void.class)) {
            // Over its size or rate where no embedded gate checks (closed): not delivered.
            // (A handler returning a primitive still runs: null cannot stand for its answer.)
            c.exit();
            return null;
        }
        if ((kind == Kind.MESSAGE || kind == Kind.CLOSE) && c.containerCreated()
                && ContainerCreation.opensBeforeOtherCallbacks(ic.getTarget().getClass())) {
            c.opened(); // once: no @OnOpen announces it (ContainerCreation)
        }
        SwitchboardConnection previous = Current.push(c);
        RequestScope request = RequestScope.NONE;
        try {
            request = c.services().activateRequestScope();
            if (kind == Kind.CLOSE) {
                for (Object p : parameters) {
                    if (p instanceof CloseReason r) {
                        c.closeFrame(r);
                    }
                }
                c.dropSubscriptions(); // Bun: none left in and after the close callback
            } else if (kind == Kind.ERROR) {
                for (Object p : parameters) {
                    if (p instanceof Throwable t) {
                        c.services().events().error(c, t);
                    }
                }
            }
            try {
                Object result = ic.proceed();
                if (kind == Kind.OPEN && Current.ioSlot() == null) {
                    // No embedded gate announces the open (containers other than the embedded
                    // server): @OnOpen has returned, so the connection is open.
                    c.opened();
                }
                return result;
            } catch (Exception | Error e) {
                // Tyrus hands the failure to @OnError, which fires the event; without one, do here.
                if (kind != Kind.ERROR && !handlesErrors(ic.getTarget().getClass())) {
                    c.services().events().error(c, e);
                }
                throw e;
            }
        } finally {
            try {
                request.close();
            } finally {
                Current.pop(previous);
                if (kind == Kind.CLOSE && c.finishesAfterOnClose()) {
                    c.endpointReleased(); // the container's release is not observed (ContainerCreation)
                }
                c.exit();
            }
        }
    }

    private static Kind kind(Method m) {
        if (m.isAnnotationPresent(OnOpen.class) || m.getName().equals("onOpen")
                && m.getParameterCount() == 2) {
            return Kind.OPEN;
        }
        if (m.isAnnotationPresent(OnClose.class) || m.getName().equals("onClose")
                && m.getParameterCount() == 2) {
            return Kind.CLOSE;
        }
        if (m.isAnnotationPresent(OnError.class) || m.getName().equals("onError")
                && m.getParameterCount() == 2) {
            return Kind.ERROR;
        }
        return Kind.MESSAGE;
    }

    private static boolean handlesErrors(Class<?> endpoint) {
        return HANDLES_ERRORS.computeIfAbsent(endpoint, c -> {
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                for (Method m : k.getDeclaredMethods()) {
                    if (m.isAnnotationPresent(OnError.class)) {
                        return true;
                    }
                }
            }
            return jakarta.websocket.Endpoint.class.isAssignableFrom(c);
        });
    }
}
