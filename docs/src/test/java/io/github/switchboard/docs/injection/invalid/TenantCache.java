package io.github.switchboard.docs.injection.invalid;

import io.github.switchboard.Header;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** SWB-0002: one connection's header cannot be a field of an application-wide bean. */
@ApplicationScoped
public class TenantCache {

    @Inject
    @Header("X-Tenant")
    String tenant;
}
