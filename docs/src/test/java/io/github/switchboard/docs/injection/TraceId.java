package io.github.switchboard.docs.injection;

import io.github.switchboard.ConnectionScoped;
import io.github.switchboard.Header;
import jakarta.inject.Inject;

/** The client's trace id; created at its first use, inside a callback. */
@ConnectionScoped
public class TraceId {

    @Inject
    @Header("X-Trace")
    String value;

    public String value() {
        return value;
    }
}
