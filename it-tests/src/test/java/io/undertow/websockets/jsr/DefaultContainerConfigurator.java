package io.undertow.websockets.jsr;

/**
 * Test stand-in with the members of Undertow's class of this name that Switchboard reads: the
 * two thread-locals that bracket {@code getEndpointInstance} in {@code onConnect}.
 */
public final class DefaultContainerConfigurator {

    private static final ThreadLocal<Object> currentInstanceFactory = new ThreadLocal<>();
    private static final ThreadLocal<Object> currentInstanceHandle = new ThreadLocal<>();

    private DefaultContainerConfigurator() {
    }

    /** What onConnect does before calling the configurator. */
    public static void open(Object factory) {
        currentInstanceFactory.set(factory);
    }

    /** What onConnect does after it: the handle left, removed. */
    public static Object close() {
        currentInstanceFactory.remove();
        Object h = currentInstanceHandle.get();
        currentInstanceHandle.remove();
        return h;
    }
}
