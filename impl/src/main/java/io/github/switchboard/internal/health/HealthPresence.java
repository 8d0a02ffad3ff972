package io.github.switchboard.internal.health;

import java.util.List;

/**
 * The MicroProfile Health check classes to register as beans: none when the MicroProfile Health
 * API is not visible to this library, so that they are never loaded without it. Stateless.
 */
public final class HealthPresence {

    private static final boolean PRESENT = present();

    private HealthPresence() {
    }

    private static boolean present() {
        try {
            Class.forName("org.eclipse.microprofile.health.HealthCheck", false,
                    HealthPresence.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The check classes, loaded by name; empty without MicroProfile Health. */
    public static List<Class<?>> checks() {
        if (!PRESENT) {
            return List.of();
        }
        try {
            ClassLoader loader = HealthPresence.class.getClassLoader();
            return List.of(
                    Class.forName("io.github.switchboard.internal.health.SwitchboardReadiness",
                            false, loader),
                    Class.forName("io.github.switchboard.internal.health.SwitchboardLiveness",
                            false, loader));
        } catch (ClassNotFoundException | LinkageError e) {
            return List.of();
        }
    }
}
