package io.github.switchboard.internal.cdi;

import io.github.switchboard.Attachments;
import io.github.switchboard.Connection;
import io.github.switchboard.ConnectionScoped;
import io.github.switchboard.Cookie;
import io.github.switchboard.Handshake;
import io.github.switchboard.Header;
import io.github.switchboard.PathValue;
import io.github.switchboard.Query;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.InjectionPoint;
import java.lang.annotation.Annotation;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The producers of the connection and its handshake values, added to every container by the
 * extension. All {@code @Dependent}: a value is read from the connection the injecting thread
 * works for ({@link Current}) when the bean that needs it is created.
 *
 * <p>{@code Connection} and {@code Handshake} injected into a bean that lives no longer than a
 * connection (dependent, connection- or request-scoped) created while a connection is current
 * are that connection's own objects; anywhere else they are stand-ins that resolve at each call.
 */
@Dependent
final class ContextProducers {

    private static final Connection CONNECTION_STAND_IN = new ConnectionStandIn();
    private static final Handshake HANDSHAKE_STAND_IN = new HandshakeStandIn();

    ContextProducers() {
    }

    @Produces
    @Dependent
    static Connection connection(InjectionPoint ip) {
        SwitchboardConnection c = Current.get();
        return c != null && connectionBound(ip) ? c : CONNECTION_STAND_IN;
    }

    @Produces
    @Dependent
    static Handshake handshake(InjectionPoint ip) {
        SwitchboardConnection c = Current.get();
        return c != null && connectionBound(ip) ? c.handshake() : HANDSHAKE_STAND_IN;
    }

    @Produces
    @Dependent
    static Attachments attachments(InjectionPoint ip) {
        return require(ip, "Attachments").data();
    }

    @Produces
    @Header("")
    static String header(InjectionPoint ip) {
        return required(ip, (c, name) -> c.handshake().header(name), "header ");
    }

    @Produces
    @Header("")
    static Optional<String> optionalHeader(InjectionPoint ip) {
        return value(ip, (c, name) -> c.handshake().header(name));
    }

    @Produces
    @Header("")
    static List<String> headers(InjectionPoint ip) {
        return values(ip, (c, name) -> c.handshake().headers(name));
    }

    @Produces
    @Cookie("")
    static String cookie(InjectionPoint ip) {
        return required(ip, (c, name) -> c.handshake().cookie(name), "cookie ");
    }

    @Produces
    @Cookie("")
    static Optional<String> optionalCookie(InjectionPoint ip) {
        return value(ip, (c, name) -> c.handshake().cookie(name));
    }

    @Produces
    @Cookie("")
    static List<String> cookies(InjectionPoint ip) {
        return values(ip, (c, name) -> c.handshake().cookies(name));
    }

    @Produces
    @Query("")
    static String query(InjectionPoint ip) {
        return required(ip, (c, name) -> c.handshake().queryParameter(name), "query parameter ");
    }

    @Produces
    @Query("")
    static Optional<String> optionalQuery(InjectionPoint ip) {
        return value(ip, (c, name) -> c.handshake().queryParameter(name));
    }

    @Produces
    @Query("")
    static List<String> queries(InjectionPoint ip) {
        return values(ip, (c, name) -> c.handshake().queryParameters(name));
    }

    @Produces
    @PathValue("")
    static String pathValue(InjectionPoint ip) {
        return required(ip, (c, name) -> c.handshake().pathParameter(name), "path parameter ");
    }

    @Produces
    @PathValue("")
    static Optional<String> optionalPathValue(InjectionPoint ip) {
        return value(ip, (c, name) -> c.handshake().pathParameter(name));
    }

    @Produces
    @PathValue("")
    static List<String> pathValues(InjectionPoint ip) {
        return values(ip, (c, name) -> c.handshake().pathParameter(name).map(List::of)
                .orElse(List.of()));
    }

    /** A {@code @ConnectionData} value, for the extension's synthetic beans. */
    static <T> T data(Class<T> type) {
        SwitchboardConnection c = requireConnection(type.getSimpleName());
        return c.data().get(type).orElseThrow(() -> c.missing("attached " + type.getName()));
    }

    /** An optional {@code @ConnectionData} value, for the extension's synthetic beans. */
    static <T> Optional<T> optionalData(Class<T> type) {
        return requireConnection("Optional<" + type.getSimpleName() + ">").data().get(type);
    }

    /**
     * {@code @Dependent} beans that some longer-lived bean holds (found at boot by the
     * extension): they live as long as their holder, so they get stand-ins. Weak keys: beans of
     * a container that has shut down go away.
     */
    private static final Set<Bean<?>> HELD_BY_LONG_LIVED =
            Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    static void heldByLongLived(Set<Bean<?>> beans) {
        HELD_BY_LONG_LIVED.addAll(beans);
    }

    /** Whether a bean with this injection point lives no longer than one connection. */
    static boolean connectionBound(InjectionPoint ip) {
        Bean<?> bean = ip == null ? null : ip.getBean();
        if (bean == null) {
            return true; // a programmatic lookup: the caller asked in its own context
        }
        Class<? extends Annotation> scope = bean.getScope();
        if (scope == Dependent.class) {
            return !HELD_BY_LONG_LIVED.contains(bean);
        }
        // Not @RequestScoped: a request context can span a callback of one connection and a
        // run/call (or a close) of another on the same thread; stand-ins resolve per call.
        return scope == ConnectionScoped.class;
    }

    private interface Lookup<T> {
        T find(SwitchboardConnection c, String name);
    }

    private static String required(InjectionPoint ip, Lookup<Optional<String>> lookup, String what) {
        Annotation q = ContextQualifiers.of(ip);
        SwitchboardConnection c = require(ip, ContextQualifiers.describe(q));
        String name = ContextQualifiers.name(q);
        return lookup.find(c, name).orElseThrow(() -> c.missing(what + name));
    }

    private static Optional<String> value(InjectionPoint ip, Lookup<Optional<String>> lookup) {
        Annotation q = ContextQualifiers.of(ip);
        return lookup.find(require(ip, ContextQualifiers.describe(q)), ContextQualifiers.name(q));
    }

    private static List<String> values(InjectionPoint ip, Lookup<List<String>> lookup) {
        Annotation q = ContextQualifiers.of(ip);
        return lookup.find(require(ip, ContextQualifiers.describe(q)), ContextQualifiers.name(q));
    }

    private static SwitchboardConnection require(InjectionPoint ip, String what) {
        SwitchboardConnection c = Current.get();
        if (c == null) {
            throw new IllegalStateException("SWB-1104 " + what + " is a value of a WebSocket "
                    + "connection, but none is active on this thread"
                    + (ip == null || ip.getMember() == null ? ""
                            : " (injecting " + ip.getMember().getDeclaringClass().getName() + "."
                                    + ip.getMember().getName() + ")"));
        }
        return c;
    }

    private static SwitchboardConnection requireConnection(String what) {
        return require(null, what);
    }
}
