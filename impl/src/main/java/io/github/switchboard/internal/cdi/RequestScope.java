package io.github.switchboard.internal.cdi;

import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;

/**
 * A request context activated for one callback, or nothing when one was active already. Closing
 * deactivates only what this activation started.
 *
 * <p>Each thread keeps one controller per application and reuses it: getting a new one per
 * callback (a dependent bean: resolution, creation, and in Weld three event resolutions) cost
 * about a fifth of the server's CPU in the chat fan-out benchmark (DESIGN.md §5). A controller
 * is used by one thread at a time as the CDI Javadoc asks, and it can activate again once it
 * deactivated; a nested activation on the same thread finds the context active and does nothing.
 * The cached controller is a dependent without a destroy callback, so keeping it costs nothing
 * but its memory; it is replaced when the thread serves another application.
 */
public final class RequestScope implements AutoCloseable {

    static final RequestScope NONE = new RequestScope(null);

    /** This thread's controller and the application it came from. */
    private record Cached(Instance<RequestContextController> source,
            RequestContextController controller) {
    }

    private static final ThreadLocal<Cached> CONTROLLERS = new ThreadLocal<>();

    private final RequestContextController controller;

    private RequestScope(RequestContextController controller) {
        this.controller = controller;
    }

    /** Activates a request context unless one is active (the guards' chain uses it too). */
    public static RequestScope activate(Instance<RequestContextController> source) {
        Cached cached = CONTROLLERS.get();
        if (cached == null || cached.source() != source) {
            cached = new Cached(source, source.get());
            CONTROLLERS.set(cached);
        }
        RequestContextController controller = cached.controller();
        return controller.activate() ? new RequestScope(controller) : NONE;
    }

    /** Deactivates the context if this activation started it. */
    @Override
    public void close() {
        if (controller != null) {
            controller.deactivate();
        }
    }
}
