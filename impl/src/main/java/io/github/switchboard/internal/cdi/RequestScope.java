package io.github.switchboard.internal.cdi;

import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;

/**
 * A request context activated for one callback, or nothing when one was active already. Closing
 * deactivates only what this activation started.
 */
final class RequestScope implements AutoCloseable {

    static final RequestScope NONE = new RequestScope(null, null);

    private final Instance<RequestContextController> source;
    private final RequestContextController controller;

    private RequestScope(Instance<RequestContextController> source,
            RequestContextController controller) {
        this.source = source;
        this.controller = controller;
    }

    /** Activates a request context unless one is active; the controller is released at close. */
    static RequestScope activate(Instance<RequestContextController> source) {
        RequestContextController controller = source.get();
        if (controller.activate()) {
            return new RequestScope(source, controller);
        }
        source.destroy(controller); // a dependent: never keep one per callback
        return NONE;
    }

    @Override
    public void close() {
        if (controller != null) {
            try {
                controller.deactivate();
            } finally {
                source.destroy(controller);
            }
        }
    }
}
