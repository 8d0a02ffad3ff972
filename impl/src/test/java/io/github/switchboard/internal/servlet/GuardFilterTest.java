package io.github.switchboard.internal.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.internal.Handoffs;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The guard filter's decisions that need no CDI container: what it lets pass, a reused
 * {@code Sec-WebSocket-Key}, Tyrus detection, and failing closed without CDI. Guards themselves
 * run against WildFly in it-tests/wildfly.
 */
class GuardFilterTest {

    static class Chat { }

    static class Lobby { }

    /** A response that records what the filter set. */
    static final class Recorded {
        int status = 200;
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
    }

    private static HttpServletRequest request(String method, String uri, Map<String, String> headers) {
        Map<String, String> lower = new HashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return (HttpServletRequest) Proxy.newProxyInstance(GuardFilterTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI" -> uri;
                    case "getContextPath" -> "/app";
                    case "getQueryString" -> null;
                    case "getHeader" -> lower.get(((String) a[0]).toLowerCase(java.util.Locale.ROOT));
                    case "getHeaderNames" -> Collections.enumeration(headers.keySet());
                    case "getHeaders" -> Collections.enumeration(
                            lower.containsKey(((String) a[0]).toLowerCase(java.util.Locale.ROOT))
                                    ? List.of(lower.get(((String) a[0]).toLowerCase(java.util.Locale.ROOT)))
                                    : List.of());
                    case "getRemoteAddr" -> "127.0.0.1";
                    case "getRemotePort" -> 40000;
                    case "isSecure" -> false;
                    default -> null;
                });
    }

    private static HttpServletResponse response(Recorded r) {
        ServletOutputStream out = new ServletOutputStream() {
            @Override public boolean isReady() { return true; }
            @Override public void setWriteListener(WriteListener l) { }
            @Override public void write(int b) { r.body.write(b); }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(GuardFilterTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> {
                    switch (m.getName()) {
                        case "setStatus" -> r.status = (Integer) a[0];
                        case "setHeader" -> r.headers.put((String) a[0], new ArrayList<>(List.of((String) a[1])));
                        case "addHeader" -> r.headers.computeIfAbsent((String) a[0], k -> new ArrayList<>()).add((String) a[1]);
                        case "setContentLength" -> r.headers.put("Content-Length", List.of(String.valueOf(a[0])));
                        case "getOutputStream" -> {
                            return out;
                        }
                        default -> { }
                    }
                    return null;
                });
    }

    private static GuardFilter filter(Object serverContainer) {
        GuardFilter f = new GuardFilter(List.of(new GuardFilter.Route("/chat/{room}", Chat.class),
                new GuardFilter.Route("/chat/lobby", Lobby.class)));
        ServletContext ctx = (ServletContext) Proxy.newProxyInstance(
                GuardFilterTest.class.getClassLoader(), new Class<?>[] {ServletContext.class},
                (p, m, a) -> m.getName().equals("getAttribute") ? serverContainer : null);
        f.init((FilterConfig) Proxy.newProxyInstance(GuardFilterTest.class.getClassLoader(),
                new Class<?>[] {FilterConfig.class},
                (p, m, a) -> m.getName().equals("getServletContext") ? ctx : null));
        return f;
    }

    private static Map<String, String> upgrade(String key) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "127.0.0.1:8080");
        h.put("Upgrade", "websocket");
        h.put("Connection", "Upgrade");
        h.put("Sec-WebSocket-Key", key);
        h.put("Sec-WebSocket-Version", "13");
        return h;
    }

    @Test
    void requestsThatAreNotUpgradesToSwitchboardEndpointsPass() throws Exception {
        GuardFilter f = filter(new Object());
        AtomicInteger passed = new AtomicInteger();
        FilterChain chain = (q, s) -> passed.incrementAndGet();
        Recorded r = new Recorded();
        f.doFilter(request("GET", "/app/api/stats", Map.of("Host", "x")), response(r), chain);
        f.doFilter(request("GET", "/app/other/x", upgrade("AAAAAAAAAAAAAAAAAAAAAA==")), response(r), chain);
        f.doFilter(request("GET", "/app/chat/a/b", upgrade("AAAAAAAAAAAAAAAAAAAAAA==")), response(r), chain);
        assertEquals(3, passed.get());
        assertEquals(200, r.status);
    }

    @Test
    void onTyrusEverythingPassesAndTheConfiguratorDecides() throws Exception {
        // GlassFish publishes Tyrus's ServerContainer; a class of that package stands for it.
        GuardFilter f = filter(new org.glassfish.tyrus.core.TyrusUpgradeResponse());
        AtomicInteger passed = new AtomicInteger();
        Recorded r = new Recorded();
        f.doFilter(request("GET", "/app/chat/x", upgrade("BBBBBBBBBBBBBBBBBBBBBB==")), response(r),
                (q, s) -> passed.incrementAndGet());
        assertEquals(1, passed.get());
        assertEquals(200, r.status);
    }

    @Test
    void aKeyThatIsAlreadyWaitingIsRefusedWith400NotShared() throws Exception {
        String key = "CCCCCCCCCCCCCCCCCCCCCC==";
        Handoffs.Entry first = new Handoffs.Entry("/chat/{room}", null, null);
        assertTrue(Handoffs.offer(key, first));
        try {
            assertFalse(Handoffs.offer(key, new Handoffs.Entry("/chat/{room}", null, null)));
            Recorded r = new Recorded();
            AtomicInteger passed = new AtomicInteger();
            filter(new Object()).doFilter(request("GET", "/app/chat/x", upgrade(key)), response(r),
                    (q, s) -> passed.incrementAndGet());
            assertEquals(400, r.status);
            assertEquals(0, passed.get(), "the upgrade does not go on");
            assertEquals(List.of("close"), r.headers.get("Connection"));
            assertEquals(first, Handoffs.take(key), "the waiting entry is untouched");
        } finally {
            Handoffs.withdraw(key, first);
        }
        assertEquals(null, Handoffs.take(key), "a taken entry is gone");
    }

    @Test
    void withoutACdiContainerTheUpgradeIsRefusedWith500NotLetThrough() throws Exception {
        Recorded r = new Recorded();
        AtomicInteger passed = new AtomicInteger();
        filter(new Object()).doFilter(request("GET", "/app/chat/lobby",
                upgrade("DDDDDDDDDDDDDDDDDDDDDD==")), response(r), (q, s) -> passed.incrementAndGet());
        assertEquals(500, r.status);
        assertEquals(0, passed.get());
        assertTrue(r.headers.containsKey("X-Correlation-Id"), r.headers.toString());
        assertEquals("500 Internal Server Error\n", r.body.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(0, Handoffs.size(), "nothing left waiting");
    }

    @Test
    void anEntryIsWithdrawnWhenItsRequestEndsUntaken() {
        String key = "EEEEEEEEEEEEEEEEEEEEEE==";
        Handoffs.Entry e = new Handoffs.Entry("/chat/{room}", null, null);
        assertTrue(Handoffs.offer(key, e));
        Handoffs.withdraw(key, new Handoffs.Entry("/chat/{room}", null, null));
        assertTrue(Handoffs.waiting(key), "another request's withdrawal leaves it");
        Handoffs.withdraw(key, e);
        assertFalse(Handoffs.waiting(key));
        assertTrue(Handoffs.offer(key, e), "the key is free again");
        Handoffs.withdraw(key, e);
    }
}
