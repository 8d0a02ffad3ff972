package io.github.switchboard.demo;

import io.github.switchboard.server.HttpHandler;
import io.github.switchboard.server.HttpRequest;
import io.github.switchboard.server.HttpResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics}: Switchboard's meters in Prometheus's text format. The registry is the
 * application's {@link MeterRegistry} bean, which Switchboard records into when Micrometer is
 * present (docs/operations.md). A real deployment serves this on a port the public cannot reach;
 * the demo keeps one port.
 */
@ApplicationScoped
public class PrometheusMetrics implements HttpHandler {

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** The registry Switchboard finds by its type, {@link MeterRegistry}. */
    @Produces
    @Dependent
    MeterRegistry registry() {
        return registry;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        return HttpResponse.of(200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape().getBytes(StandardCharsets.UTF_8));
    }
}
