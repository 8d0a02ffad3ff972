package io.github.switchboard.internal.health;

import io.github.switchboard.internal.cdi.ConnectionServices;
import io.github.switchboard.internal.cdi.SwitchboardExtension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code switchboard}: down once the embedded server drains or closes (it takes
 * no new connections) and while its configured topic bus is not connected, up otherwise. Registered only when MicroProfile Health is present.
 */
@Readiness
@ApplicationScoped
public class SwitchboardReadiness implements HealthCheck {

    @Inject
    BeanManager beanManager;

    @Override
    public HealthCheckResponse call() {
        ConnectionServices services = beanManager.getExtension(SwitchboardExtension.class).services();
        String why = services == null ? null : services.notReady();
        // The constructor, not the builder: the builder needs the implementation's provider.
        return new HealthCheckResponse("switchboard",
                why == null ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                Optional.of(Map.of("connections",
                        (long) (services == null ? 0 : services.openConnections().size()),
                        "detail", why == null ? "ok" : why)));
    }
}
