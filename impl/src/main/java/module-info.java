/**
 * Switchboard's implementation: the configurator, the handshake snapshot, guards and the
 * embedded server. Only {@code io.github.switchboard.server} is API; everything under
 * {@code io.github.switchboard.internal} may change without notice.
 */
module io.github.switchboard.impl {
    requires transitive io.github.switchboard.api;
    requires transitive jakarta.websocket;
    requires transitive jakarta.cdi;

    // The embedded runtime and the Tyrus-specific refusal path: optional at run time, used only
    // when present (TyrusSupport.PRESENT, EmbeddedServer).
    requires static org.glassfish.tyrus.core;
    requires static org.glassfish.tyrus.spi;
    requires static org.glassfish.tyrus.server;
    requires static org.glassfish.tyrus.container.grizzly.client;
    requires static org.glassfish.grizzly;
    requires static org.glassfish.grizzly.http;
    requires static org.glassfish.grizzly.http.server;
    // Servlet containers (GlassFish, WildFly): the Tyrus upgrade handler (TyrusServletHook) and
    // the guard filter for containers that are not Tyrus (internal.servlet), loaded only by a
    // Servlet container through META-INF/services, and only what is present.
    requires static jakarta.servlet;
    requires static org.glassfish.tyrus.container.servlet;
    requires static weld.se.core;
    requires static weld.environment.common;
    requires static weld.core.impl;

    // Metrics and health: optional, used only when present (Meters.create, HealthChecks).
    requires static micrometer.core;
    requires static microprofile.health.api;

    requires static jakarta.inject;
    requires static jakarta.interceptor;
    requires static jakarta.annotation;

    exports io.github.switchboard.server;

    // Weld proxies and inspects the extensions, the producers and the interceptor.
    opens io.github.switchboard.internal.embedded to weld.core.impl;
    opens io.github.switchboard.internal.cdi to weld.core.impl;
    opens io.github.switchboard.internal.health to weld.core.impl;

    provides jakarta.enterprise.inject.spi.Extension
            with io.github.switchboard.internal.cdi.SwitchboardExtension;
}
