package io.github.switchboard.internal.servlet;

import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.websocket.server.ServerEndpoint;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Registers {@link GuardFilter} in front of every request of a web application that has
 * annotated endpoints configured with {@link SwitchboardConfigurator} (DESIGN.md §3
 * "Rejection"). Found by the Servlet container through {@code META-INF/services}; only a Servlet
 * container loads it, so the embedded server, which has no Servlet API, never does.
 *
 * <p>The filter is mapped before the application's own ({@code isMatchAfter} false) and thereby
 * before the container's WebSocket filter, which Undertow adds after the application's filters.
 * It decides itself, when it starts, whether the container is Tyrus (GlassFish), where it stays
 * out of the way.
 */
@HandlesTypes(ServerEndpoint.class)
public final class SwitchboardServletInitializer implements ServletContainerInitializer {

    /** The filter's registered name. */
    static final String FILTER_NAME = "io.github.switchboard.GuardFilter";

    /** The container whose hooks are installed (statics are per application here). */
    private static volatile Object hooked;

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        installHooks(context);
        List<GuardFilter.Route> routes = new ArrayList<>();
        if (classes != null) {
            for (Class<?> c : classes) {
                ServerEndpoint a = c.getAnnotation(ServerEndpoint.class);
                if (a != null && SwitchboardConfigurator.class.isAssignableFrom(a.configurator())) {
                    routes.add(new GuardFilter.Route(a.value(), c));
                }
            }
        }
        if (routes.isEmpty()) {
            return;
        }
        FilterRegistration.Dynamic f = context.addFilter(FILTER_NAME, new GuardFilter(routes));
        if (f != null) { // null: the application registered a filter of this name itself
            f.setAsyncSupported(true);
            f.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        }
    }

    /**
     * Installs what Switchboard reads from the container's WebSocket implementation once its
     * {@code ServerContainer} is published (at start-up, or at the filter's first look): only
     * Undertow has hooks, and their class is loaded only when the container is Undertow's.
     */
    static void installHooks(ServletContext context) {
        Object container = context == null ? null
                : context.getAttribute("jakarta.websocket.server.ServerContainer");
        if (container == null || container == hooked) {
            return;
        }
        synchronized (SwitchboardServletInitializer.class) {
            if (container == hooked) {
                return;
            }
            hooked = container;
            // A constant: naming it loads nothing.
            if (container.getClass().getName().equals(
                    io.github.switchboard.internal.undertow.UndertowHooks.CONTAINER_CLASS)) {
                io.github.switchboard.internal.undertow.UndertowHooks.install(container);
            }
        }
    }
}
