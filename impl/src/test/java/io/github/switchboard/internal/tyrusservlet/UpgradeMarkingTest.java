package io.github.switchboard.internal.tyrusservlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.internal.cdi.Current;
import io.github.switchboard.internal.cdi.IoSlot;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.glassfish.tyrus.servlet.TyrusHttpUpgradeHandler;
import org.junit.jupiter.api.Test;

/**
 * The filter and initializer that let Tyrus's Servlet integration create each endpoint for its
 * connection, without a Servlet container: requests and contexts are recording proxies. What
 * happens inside GlassFish is {@code GlassFishTest}'s.
 */
class UpgradeMarkingTest {

    /** A request with the given headers whose {@code upgrade} calls land in {@code upgrades}. */
    private static HttpServletRequest request(Map<String, String> headers, List<Class<?>> upgrades) {
        return (HttpServletRequest) Proxy.newProxyInstance(UpgradeMarkingTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getHeader":
                            return headers.get((String) args[0]);
                        case "upgrade":
                            upgrades.add((Class<?>) args[0]);
                            return null;
                        case "toString":
                            return "request" + headers;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    @Test
    void requestsThatAreNotWebSocketUpgradesPassUntouchedAndWithoutASlot() throws Exception {
        for (Map<String, String> headers : List.of(Map.<String, String>of(),
                Map.of("Upgrade", "h2c"), Map.of("Upgrade", ""))) {
            HttpServletRequest original = request(headers, new ArrayList<>());
            AtomicReference<ServletRequest> seen = new AtomicReference<>();
            new UpgradeMarking().doFilter(original, null, (req, res) -> {
                seen.set(req);
                assertNull(Current.ioSlot(), "no slot for " + headers);
            });
            assertSame(original, seen.get(), headers.toString());
        }
    }

    @Test
    void anUpgradeRunsTheRestOfTheChainWithItsOwnSlotWhichEndsWithIt() throws Exception {
        List<IoSlot> slots = new ArrayList<>();
        for (String upgrade : List.of("websocket", "WebSocket")) {
            new UpgradeMarking().doFilter(request(Map.of("Upgrade", upgrade), new ArrayList<>()),
                    null, (req, res) -> {
                        assertNotNull(Current.ioSlot(), upgrade);
                        assertTrue(req instanceof jakarta.servlet.http.HttpServletRequestWrapper);
                        slots.add(Current.ioSlot());
                    });
            assertNull(Current.ioSlot(), "cleared after the chain");
        }
        assertEquals(2, slots.size());
        assertTrue(slots.get(0) != slots.get(1), "a slot per request");

        // A chain that throws (Tyrus refusing, a later filter failing) leaves nothing behind,
        // and a slot that was current before (a nested dispatch) is restored.
        IoSlot outer = new IoSlot();
        Current.enterIo(outer);
        try {
            assertThrows(IllegalStateException.class, () -> new UpgradeMarking().doFilter(
                    request(Map.of("Upgrade", "websocket"), new ArrayList<>()), null,
                    (req, res) -> {
                        throw new IllegalStateException("refused");
                    }));
            assertSame(outer, Current.ioSlot());
        } finally {
            Current.exitIo(null);
        }
    }

    @Test
    void upgradesOfOtherHandlersOrOfConnectionsSwitchboardDidNotAcceptAreTheContainers()
            throws Exception {
        List<Class<?>> upgrades = new ArrayList<>();
        new UpgradeMarking().doFilter(request(Map.of("Upgrade", "websocket"), upgrades), null,
                (req, res) -> {
                    HttpServletRequest wrapped = (HttpServletRequest) req;
                    // The endpoint is not Switchboard's: modifyHandshake filled no connection.
                    assertNull(wrapped.upgrade(TyrusHttpUpgradeHandler.class));
                    assertNull(wrapped.upgrade(OtherHandler.class));
                });
        assertEquals(List.of(TyrusHttpUpgradeHandler.class, OtherHandler.class), upgrades);
    }

    @Test
    void theInitializerPutsTheFilterInFrontOfEveryOtherForRequests() {
        Map<String, Object> calls = new HashMap<>();
        jakarta.servlet.FilterRegistration.Dynamic registration =
                (jakarta.servlet.FilterRegistration.Dynamic) Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {jakarta.servlet.FilterRegistration.Dynamic.class},
                        (proxy, method, args) -> {
                            calls.put(method.getName(), args == null ? List.of() : List.of(args));
                            return null;
                        });
        ServletContext ctx = (ServletContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("addFilter") && args[1] instanceof Filter f) {
                        calls.put("filter", f);
                        calls.put("name", args[0]);
                        return registration;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        new TyrusServletHook().onStartup(Set.of(), ctx);
        assertTrue(calls.get("filter") instanceof UpgradeMarking, calls.toString());
        assertEquals(TyrusServletHook.FILTER_NAME, calls.get("name"));
        assertEquals(List.of(true), calls.get("setAsyncSupported"));
        @SuppressWarnings("unchecked")
        List<Object> mapping = (List<Object>) calls.get("addMappingForUrlPatterns");
        assertEquals(EnumSet.of(DispatcherType.REQUEST), mapping.get(0));
        assertEquals(false, mapping.get(1), "not after the declared filters: before Tyrus's");
        assertEquals("/*", ((String[]) mapping.get(2))[0]);
    }

    @Test
    void theSessionOfATyrusConnectionIsReadableInThisTyrusAndNullForAForeignOne() {
        assertNull(TyrusSessions.problem());
        assertNull(TyrusSessions.of(null));
        assertNull(TyrusSessions.of((org.glassfish.tyrus.spi.Connection) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {org.glassfish.tyrus.spi.Connection.class},
                (proxy, method, args) -> null)));
    }

    /** Another protocol's handler. */
    public static final class OtherHandler implements HttpUpgradeHandler {
        @Override
        public void init(WebConnection wc) {
        }

        @Override
        public void destroy() {
        }
    }
}
