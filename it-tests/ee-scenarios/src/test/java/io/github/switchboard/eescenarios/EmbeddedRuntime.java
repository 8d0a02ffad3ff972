package io.github.switchboard.eescenarios;

import io.github.switchboard.eeapp.ChatEndpoint;
import io.github.switchboard.eeapp.FloodCloseEndpoint;
import io.github.switchboard.eeapp.FieldsEndpoint;
import io.github.switchboard.eeapp.FloodEndpoint;
import io.github.switchboard.eeapp.LazyFieldsEndpoint;
import io.github.switchboard.eeapp.LimitedEndpoint;
import io.github.switchboard.eeapp.Stats;
import io.github.switchboard.eeapp.StrictEndpoint;
import io.github.switchboard.eeapp.Ticker;
import io.github.switchboard.eeapp.TokenGuard;
import io.github.switchboard.eeapp.Visit;
import io.github.switchboard.server.EmbeddedServer;
import java.net.URI;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The EE test application's classes on Switchboard's embedded server, started once per run on
 * 127.0.0.1 and a free port (closed when the run ends); its REST resource's paths are served by
 * {@link EmbeddedRest}. Test classes get the base URI by declaring a {@link URI} parameter.
 */
public final class EmbeddedRuntime implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == URI.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return e.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, k -> new Running(), Running.class).base;
    }

    /** The started server; closing it stops the server. */
    static final class Running implements AutoCloseable {
        final EmbeddedServer server;
        final URI base;

        Running() {
            server = EmbeddedServer.builder().port(0)
                    .endpoints(ChatEndpoint.class, StrictEndpoint.class, FloodEndpoint.class,
                            FloodCloseEndpoint.class, LimitedEndpoint.class, FieldsEndpoint.class,
                            LazyFieldsEndpoint.class)
                    .beanClasses(TokenGuard.class, Stats.class, Visit.class, Ticker.class)
                    .route("GET", "/api/stats", EmbeddedRest.class)
                    .route("GET", "/api/rooms/news/subscribers", EmbeddedRest.class)
                    .route("POST", "/api/rooms/news", EmbeddedRest.class)
                    .route("POST", "/api/rooms/empty", EmbeddedRest.class)
                    .start();
            base = URI.create("http://127.0.0.1:" + server.port());
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
