package io.github.switchboard.docs.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The application's registry as a CDI bean: Switchboard records into it. (A Prometheus
 * application produces its {@code PrometheusMeterRegistry} here instead.)
 */
@ApplicationScoped
public class Registry {

    @Produces
    @ApplicationScoped
    MeterRegistry registry() {
        return new SimpleMeterRegistry();
    }
}
