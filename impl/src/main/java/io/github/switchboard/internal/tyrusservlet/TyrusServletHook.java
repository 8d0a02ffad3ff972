package io.github.switchboard.internal.tyrusservlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.lang.System.Logger.Level;
import java.util.EnumSet;
import java.util.Set;

/**
 * Puts {@link UpgradeMarking} in front of every other filter of a web application whose
 * WebSocket container is Tyrus's Servlet integration (GlassFish, Payara), so that the endpoint
 * instance of each connection is created for that connection (DESIGN.md §5, "Endpoint creation
 * for a known connection"). Found by the Servlet container through {@code META-INF/services};
 * the embedded server never reads it.
 *
 * <p>Where Tyrus's Servlet classes are absent (WildFly, Open Liberty) it registers nothing and
 * loads no Tyrus class: this class names Tyrus only in strings. Where they are present but the
 * Tyrus internals that find a connection's session are not as measured, it logs {@code SWB-1140}
 * and registers nothing; the endpoint then binds at its first callback with a {@code Session}
 * parameter, as before.
 */
public final class TyrusServletHook implements ServletContainerInitializer {

    private static final System.Logger LOG = System.getLogger(TyrusServletHook.class.getName());

    /** The filter's name in the application. */
    static final String FILTER_NAME = "switchboard-tyrus-upgrade";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext ctx) {
        if (!present("org.glassfish.tyrus.servlet.TyrusHttpUpgradeHandler")
                || !present("org.glassfish.tyrus.core.TyrusWebSocketEngine")) {
            return; // not Tyrus: another container's own WebSocket implementation
        }
        String problem = TyrusSessions.problem();
        if (problem != null) {
            LOG.log(Level.WARNING, "SWB-1140 this Tyrus version lacks what Switchboard reads to "
                    + "create endpoints for their connection (" + problem + "); per-connection "
                    + "values injected as fields will fail, and an endpoint binds to its "
                    + "connection at its first callback with a Session parameter");
            return;
        }
        FilterRegistration.Dynamic filter = ctx.addFilter(FILTER_NAME, new UpgradeMarking());
        if (filter == null) {
            return; // the application declared a filter of this name itself
        }
        filter.setAsyncSupported(true);
        // Before every other filter, Tyrus's included (GlassFish inserts "not after" mappings at
        // the head of the chain; Tyrus maps its own filter after the declared ones).
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, TyrusServletHook.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
