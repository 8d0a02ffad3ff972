package io.github.switchboard.docs.injection;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Records who called which {@link Audited} method. */
@Audited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class AuditInterceptor {

    @Inject
    ChatUser user; // the interceptor is created with the endpoint, for its connection

    @Inject
    AuditLog log;

    @AroundInvoke
    Object audit(InvocationContext call) throws Exception {
        log.add(user.name() + " called " + call.getMethod().getName());
        return call.proceed();
    }
}
