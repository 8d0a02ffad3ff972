package io.github.switchboard.internal.cdi;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Application-wide settings: a MicroProfile Config property when MicroProfile Config is on the
 * class path (read reflectively: it is an optional dependency), else the system property of the
 * same name. Stateless.
 */
public final class Settings {

    private static final Method GET_CONFIG;
    private static final Method GET_OPTIONAL_VALUE;

    static {
        Method getConfig = null;
        Method getOptionalValue = null;
        try {
            Class<?> provider = Class.forName("org.eclipse.microprofile.config.ConfigProvider");
            Class<?> config = Class.forName("org.eclipse.microprofile.config.Config");
            getConfig = provider.getMethod("getConfig");
            getOptionalValue = config.getMethod("getOptionalValue", String.class, Class.class);
        } catch (ReflectiveOperationException | LinkageError e) {
            // no MicroProfile Config: system properties only
        }
        GET_CONFIG = getConfig;
        GET_OPTIONAL_VALUE = getOptionalValue;
    }

    private Settings() {
    }

    /** The raw value of {@code name}, trimmed; empty when unset or blank. */
    public static Optional<String> get(String name) {
        if (GET_CONFIG != null) {
            try {
                Object config = GET_CONFIG.invoke(null);
                Object value = GET_OPTIONAL_VALUE.invoke(config, name, String.class);
                if (value instanceof Optional<?> o && o.isPresent()) {
                    return Optional.of(o.get().toString().trim()).filter(s -> !s.isEmpty());
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // fall back to the system property
            }
        }
        return Optional.ofNullable(System.getProperty(name)).map(String::trim)
                .filter(s -> !s.isEmpty());
    }

    /** A positive long setting, or {@code fallback}; fails naming the setting when malformed. */
    public static long positiveLong(String name, long fallback) {
        Optional<String> raw = get(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.get());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("SWB-2006 setting " + name + " must be a positive "
                + "integer, not \"" + raw.get() + "\"");
    }

    /** A setting of 0 or more, or {@code fallback} when unset; fails naming it when malformed. */
    public static long nonNegativeLong(String name, long fallback) {
        Optional<String> raw = get(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.get());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("SWB-2006 setting " + name + " must be 0 or a "
                + "positive integer, not \"" + raw.get() + "\"");
    }

    /** A boolean setting ({@code true}/{@code false}), or {@code fallback}. */
    public static boolean bool(String name, boolean fallback) {
        Optional<String> raw = get(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        return switch (raw.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("SWB-2006 setting " + name
                    + " must be true or false, not \"" + raw.get() + "\"");
        };
    }
}
