package io.github.switchboard.internal.health;

import io.github.switchboard.internal.cdi.ConnectionServices;
import io.github.switchboard.internal.cdi.SwitchboardExtension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness check {@code switchboard}: down once the embedded server has stopped, up otherwise
 * (draining is not a reason to restart a process). Registered only when MicroProfile Health is
 * present.
 */
@Liveness
@ApplicationScoped
public class SwitchboardLiveness implements HealthCheck {

    @Inject
    BeanManager beanManager;

    @Override
    public HealthCheckResponse call() {
        ConnectionServices services = beanManager.getExtension(SwitchboardExtension.class).services();
        boolean stopped = services != null && "stopped".equals(services.notReady());
        return new HealthCheckResponse("switchboard", stopped ? HealthCheckResponse.Status.DOWN
                : HealthCheckResponse.Status.UP, Optional.empty());
    }
}
