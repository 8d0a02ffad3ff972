package io.github.switchboard.internal.servlet;

import io.github.switchboard.internal.Handoffs;
import io.github.switchboard.internal.PreUpgrade;
import io.github.switchboard.internal.SnapshotFactory;
import io.github.switchboard.internal.cdi.ContainerCreation;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the origin check and the guards before the container's WebSocket upgrade, on Servlet
 * containers whose WebSocket implementation is not Tyrus (WildFly's Undertow; Open Liberty).
 * There a Servlet filter runs for upgrade requests and is the only clean way to answer with the
 * status a guard chose (DESIGN.md §4: WildFly answers a {@code checkOrigin} refusal with 404 and an
 * exception from {@code modifyHandshake} with a 500 that shows the stack trace).
 *
 * <p>For a WebSocket upgrade to a path of a Switchboard endpoint it runs {@link PreUpgrade}; a
 * refusal is answered here with the exact status, the guard's headers, a short text body and
 * {@code Connection: close}, and the chain does not continue, so no endpoint instance exists and
 * {@code @OnOpen} never runs. An acceptance is left in {@link Handoffs} under the request's
 * {@code Sec-WebSocket-Key} for the configurator's {@code modifyHandshake}, and withdrawn when the
 * request ends; a key that is already waiting is refused with 400. Everything else passes.
 *
 * <p>On Tyrus (GlassFish) it passes everything: GlassFish does not run filters for upgrades, and
 * where Tyrus runs the configurator decides. Stateless apart from that detection; thread-safe.
 */
public final class GuardFilter implements Filter {

    private static final System.Logger LOG = System.getLogger(GuardFilter.class.getName());

    /** An endpoint's path template and class. */
    record Route(String template, Class<?> endpointClass) {
        String[] segments() {
            return template.split("/", -1);
        }
    }

    private final List<Route> routes;
    /** Null until known: whether the container's WebSocket implementation is Tyrus. */
    private volatile Boolean tyrus;
    private volatile jakarta.servlet.ServletContext context;

    GuardFilter(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    @Override
    public void init(FilterConfig config) {
        context = config.getServletContext();
        tyrus = detectTyrus();
    }

    /** Null while the container has not published its {@code ServerContainer} yet. */
    private Boolean detectTyrus() {
        jakarta.servlet.ServletContext c = context;
        SwitchboardServletInitializer.installHooks(c);
        Object container = c == null ? null
                : c.getAttribute("jakarta.websocket.server.ServerContainer");
        return container == null ? null
                : container.getClass().getName().startsWith("org.glassfish.tyrus.");
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request)
                || !(res instanceof HttpServletResponse response)
                || !"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            chain.doFilter(req, res);
            return;
        }
        ContainerCreation.clear(); // nothing an earlier request of this thread offered survives
        Boolean isTyrus = tyrus;
        if (isTyrus == null) {
            isTyrus = detectTyrus();
            tyrus = isTyrus;
        }
        Route route = isTyrus == Boolean.TRUE ? null : route(request);
        String key = request.getHeader("Sec-WebSocket-Key");
        if (route == null || key == null || !"GET".equals(request.getMethod())) {
            chain.doFilter(req, res); // the container answers what is not a valid upgrade
            return;
        }
        if (Handoffs.waiting(key)) { // checked again atomically below; this spares the guards
            refuseReusedKey(response);
            return;
        }
        URI uri;
        try {
            uri = new URI(request.getRequestURI());
        } catch (java.net.URISyntaxException e) {
            refuse(response, 400, "Bad Request", Map.of());
            return;
        }
        PreUpgrade.Verdict v = PreUpgrade.check(route.endpointClass(), route.template(),
                new SnapshotFactory.Request(uri, request.getQueryString(), headers(request),
                        request.getUserPrincipal(), null, false, remote(request),
                        request.isSecure()));
        if (!v.accepted()) {
            LOG.log(Level.DEBUG, () -> "SWB-1005 upgrade refused with " + v.status() + " ("
                    + v.detail() + ") for endpoint " + route.template());
            refuse(response, v.status(), v.phrase(), v.headers());
            return;
        }
        Handoffs.Entry entry = new Handoffs.Entry(route.template(), v.handshake(), v.data());
        if (!Handoffs.offer(key, entry)) {
            refuseReusedKey(response);
            return;
        }
        try {
            chain.doFilter(req, res);
        } finally {
            Handoffs.withdraw(key, entry);
        }
    }

    private static void refuseReusedKey(HttpServletResponse response) throws IOException {
        LOG.log(Level.DEBUG, "SWB-1008 upgrade refused with 400: its Sec-WebSocket-Key is "
                + "already in use by a handshake in progress");
        refuse(response, 400, "Bad Request", Map.of());
    }

    /** The route of the request's path below the context path, preferring literal segments. */
    private Route route(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String ctx = request.getContextPath();
        String path = uri.startsWith(ctx) ? uri.substring(ctx.length()) : uri;
        String[] p = path.split("/", -1);
        Route best = null;
        int bestLiterals = -1;
        for (Route r : routes) {
            String[] t = r.segments();
            if (t.length != p.length) {
                continue;
            }
            int literals = 0;
            boolean match = true;
            for (int i = 0; i < t.length && match; i++) {
                String seg = t[i];
                if (seg.length() > 2 && seg.startsWith("{") && seg.endsWith("}")) {
                    match = !p[i].isEmpty();
                } else {
                    int semicolon = p[i].indexOf(';');
                    match = seg.equals(semicolon < 0 ? p[i] : p[i].substring(0, semicolon));
                    literals++;
                }
            }
            if (match && literals > bestLiterals) {
                best = r;
                bestLiterals = literals;
            }
        }
        return best;
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            out.computeIfAbsent(name, k -> new ArrayList<>())
                    .addAll(Collections.list(request.getHeaders(name)));
        }
        return out;
    }

    private static InetSocketAddress remote(HttpServletRequest request) {
        try {
            // An IP literal: no name lookup.
            return new InetSocketAddress(InetAddress.getByName(request.getRemoteAddr()),
                    request.getRemotePort());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void refuse(HttpServletResponse response, int status, String phrase,
            Map<String, List<String>> headers) throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        headers.forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        response.setHeader("Connection", "close");
        response.setContentType("text/plain;charset=UTF-8");
        byte[] body = (status + " " + phrase + "\n").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
