package io.github.switchboard.redis;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads {@code switchboard.redis.*} settings the way switchboard-impl reads its own: a
 * MicroProfile Config property when MicroProfile Config is present (reflectively: an optional
 * dependency), else the system property. Kept here so the bus depends on the API only. Stateless.
 */
final class RedisSettings {

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

    private RedisSettings() {
    }

    static Optional<String> get(String name) {
        if (GET_CONFIG != null) {
            try {
                Object value = GET_OPTIONAL_VALUE.invoke(GET_CONFIG.invoke(null), name,
                        String.class);
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

    static Optional<Duration> millis(String name) {
        return get(name).map(raw -> {
            try {
                long ms = Long.parseLong(raw);
                if (ms > 0) {
                    return Duration.ofMillis(ms);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("SWB-2006 setting " + name + " must be a positive "
                    + "number of milliseconds, not \"" + raw + "\"");
        });
    }

    static Optional<Integer> integer(String name, int min) {
        return get(name).map(raw -> {
            try {
                int value = Integer.parseInt(raw);
                if (value >= min) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("SWB-2006 setting " + name + " must be an integer "
                    + "of at least " + min + ", not \"" + raw + "\"");
        });
    }

    static Optional<Boolean> bool(String name) {
        return get(name).map(raw -> switch (raw.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("SWB-2006 setting " + name
                    + " must be true or false, not \"" + raw + "\"");
        });
    }
}
