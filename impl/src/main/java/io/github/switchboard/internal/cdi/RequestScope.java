package io.github.switchboard.internal.cdi;

import jakarta.enterprise.context.control.RequestContextController;

/**
 * A request context activated for one callback, or nothing when one was active already. Closing
 * deactivates only what this activation started.
 */
final class RequestScope implements AutoCloseable {

    static final RequestScope NONE = new RequestScope(null);

    private final RequestContextController controller;

    private RequestScope(RequestContextController controller) {
        this.controller = controller;
    }

    static RequestScope activate(RequestContextController controller) {
        return controller.activate() ? new RequestScope(controller) : NONE;
    }

    @Override
    public void close() {
        if (controller != null) {
            controller.deactivate();
        }
    }
}
