package io.github.switchboard.eeapp;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Jakarta REST under {@code /api}. */
@ApplicationPath("/api")
public class RestApplication extends Application {
}
