package io.github.switchboard.internal.embedded;

import io.github.switchboard.RequestCookie;
import io.github.switchboard.internal.CookieParser;
import io.github.switchboard.internal.OriginPolicy;
import io.github.switchboard.internal.QueryParser;
import io.github.switchboard.internal.ServedHosts;
import io.github.switchboard.server.HttpHandler;
import io.github.switchboard.server.HttpRequest;
import io.github.switchboard.server.HttpResponse;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.se.SeContainer;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.glassfish.grizzly.ReadHandler;
import org.glassfish.grizzly.http.io.NIOInputStream;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.server.ServerConfiguration;

/**
 * Plain HTTP routes on the embedded server's Grizzly listener (DESIGN.md §5 "HTTP beside the
 * WebSockets"). Each distinct path is one Grizzly handler mapped exactly (context path "",
 * URL pattern = the path), so static content at {@code /} and other paths keep Grizzly's own
 * mapping. Upgrade requests never get here: the gate and Tyrus take them before Grizzly's
 * {@code HttpServerFilter}. Before a handler runs, the request passes the same checks a browser
 * upgrade does where they matter: a method other than GET/HEAD from a browser must be
 * same-origin (or allowed by the server's origin list), against cross-site request forgery.
 */
public final class HttpRoutes {

    private static final System.Logger LOG = System.getLogger(HttpRoutes.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One route as the builder collected it: an instance, or a bean class of the container. */
    public record Route(String method, String path, HttpHandler instance,
            Class<? extends HttpHandler> beanClass) {
    }

    private HttpRoutes() {
    }

    /** Registers {@code routes} with {@code config}, resolving bean routes from {@code cdi}. */
    static void register(List<Route> routes, ServerConfiguration config, SeContainer cdi,
            OriginPolicy origins, Set<String> allowedHosts, String bindHost) {
        Map<String, Map<String, HttpHandler>> byPath = new LinkedHashMap<>();
        for (Route r : routes) {
            HttpHandler h;
            try {
                h = r.instance() != null ? r.instance() : cdi.select(r.beanClass()).get();
            } catch (RuntimeException e) {
                throw new IllegalStateException("SWB-2302 the HTTP handler " + r.beanClass()
                        .getName() + " for " + r.method() + " " + r.path()
                        + " is not a usable bean: " + e.getMessage(), e);
            }
            byPath.computeIfAbsent(r.path(), p -> new LinkedHashMap<>()).put(r.method(), h);
        }
        Instance<RequestContextController> requestContexts =
                cdi.select(RequestContextController.class);
        byPath.forEach((path, methods) -> config.addHttpHandler(
                new PathHandler(path, Map.copyOf(methods), requestContexts, origins, allowedHosts,
                        bindHost),
                HttpHandlerRegistration.builder().contextPath("").urlPattern(path).build()));
    }

    /** Every method of one exact path. */
    private static final class PathHandler extends org.glassfish.grizzly.http.server.HttpHandler {

        private final String path;
        private final Map<String, HttpHandler> methods;
        private final String allow;
        private final Instance<RequestContextController> requestContexts;
        private final OriginPolicy origins;
        private final Set<String> allowedHosts;
        private final String bindHost;

        PathHandler(String path, Map<String, HttpHandler> methods,
                Instance<RequestContextController> requestContexts, OriginPolicy origins,
                Set<String> allowedHosts, String bindHost) {
            super("switchboard-route " + path);
            this.path = path;
            this.methods = methods;
            Set<String> allowed = new TreeSet<>(methods.keySet());
            if (allowed.contains("GET")) {
                allowed.add("HEAD");
            }
            this.allow = String.join(", ", allowed);
            this.requestContexts = requestContexts;
            this.origins = origins;
            this.allowedHosts = allowedHosts;
            this.bindHost = bindHost;
        }

        @Override
        public void service(Request request, Response response) throws Exception {
            // Grizzly hands unmapped paths to some handler; a route answers only its own path.
            if (!path.equals(request.getDecodedRequestURI())) {
                write(response, HttpResponse.text(404, "not found\n"), false);
                return;
            }
            String method = request.getMethod().getMethodString().toUpperCase(Locale.ROOT);
            boolean head = method.equals("HEAD") && !methods.containsKey("HEAD");
            HttpHandler handler = methods.get(head ? "GET" : method);
            if (handler == null) {
                write(response, HttpResponse.text(405, "method not allowed\n")
                        .withHeader("Allow", allow), false);
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                Optional<String> refusal = originRefusal(request);
                if (refusal.isPresent()) {
                    write(response, HttpResponse.text(403, "forbidden: " + refusal.get() + "\n"),
                            false);
                    return;
                }
            }
            long declared = request.getContentLengthLong();
            if (declared > HttpRequest.MAX_BODY_BYTES) {
                tooLarge(response);
                return;
            }
            // Without a length or chunking there is no body.
            if (declared == 0 || declared < 0 && !request.getRequest().isChunked()) {
                answer(request, response, handler, method, head, new byte[0]);
                return;
            }
            // Grizzly's codec passes the body of any request with an Upgrade header (the JDK
            // client's h2c offer) through unframed, and never marks its end (DESIGN.md §4): count
            // the declared length instead; a chunked one cannot be delimited.
            boolean unframed = request.getRequest().isUpgrade();
            if (unframed && declared < 0) {
                refuse(response, 400, "a chunked body with an Upgrade header");
                return;
            }
            // Read without blocking a worker: a slow sender holds no thread, and the handler
            // runs once the whole body is here.
            response.suspend();
            NIOInputStream in = request.getNIOInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.notifyAvailable(new ReadHandler() {
                private boolean drain() throws IOException {
                    byte[] chunk = new byte[8192];
                    while (in.isReady()) {
                        int n = in.read(chunk);
                        if (n <= 0) {
                            break;
                        }
                        if (out.size() + n > HttpRequest.MAX_BODY_BYTES) {
                            return false;
                        }
                        out.write(chunk, 0, n);
                    }
                    return true;
                }

                @Override
                public void onDataAvailable() throws Exception {
                    if (!drain()) {
                        tooLarge(response);
                        response.resume();
                    } else if (unframed && out.size() >= declared) {
                        onAllDataRead();
                    } else {
                        in.notifyAvailable(this);
                    }
                }

                @Override
                public void onAllDataRead() throws Exception {
                    try {
                        if (!drain()) {
                            tooLarge(response);
                        } else if (declared >= 0 && out.size() != declared) {
                            refuse(response, 400, "the body does not match its Content-Length");
                        } else {
                            answer(request, response, handler, method, head, out.toByteArray());
                        }
                    } finally {
                        response.resume();
                    }
                }

                @Override
                public void onError(Throwable t) {
                    LOG.log(Level.DEBUG, "reading a request body failed", t);
                    if (response.isSuspended()) {
                        response.resume();
                    }
                }
            });
        }

        private void answer(Request request, Response response, HttpHandler handler,
                String method, boolean head, byte[] body) throws IOException {
            Snapshot snapshot = new Snapshot(method, path, request, body);
            HttpResponse answer;
            RequestContextController context = requestContexts.get();
            boolean activated = context.activate();
            try {
                answer = handler.handle(snapshot);
                if (answer == null) {
                    throw new IllegalStateException("the handler returned null");
                }
            } catch (Exception | LinkageError e) {
                String id = HexFormat.of().formatHex(randomId());
                LOG.log(Level.ERROR, "SWB-2301 the HTTP handler for " + method + " " + path
                        + " failed (error id " + id + ")", e);
                answer = HttpResponse.text(500, "internal error, id " + id + "\n");
            } finally {
                try {
                    if (activated) {
                        context.deactivate();
                    }
                } finally {
                    requestContexts.destroy(context);
                }
            }
            write(response, answer, head);
        }

        private Optional<String> originRefusal(Request request) {
            List<String> originValues = values(request, "Origin");
            if (originValues.isEmpty()) {
                return Optional.empty(); // not a browser: as for upgrades (DESIGN.md §3 Origin)
            }
            InetSocketAddress local = new InetSocketAddress(request.getLocalAddr(),
                    request.getLocalPort());
            return origins.servingOnly(ServedHosts.forConnection(allowedHosts, bindHost, local))
                    .refusal(originValues, Optional.ofNullable(request.getHeader("Host")),
                            request.isSecure());
        }
    }

    /** 413, and the connection closed: the rest of the body is not read. */
    private static void tooLarge(Response response) throws IOException {
        refuse(response, 413, "request body over " + HttpRequest.MAX_BODY_BYTES + " bytes");
    }

    /** An error answer after which the connection is closed. */
    private static void refuse(Response response, int status, String text) throws IOException {
        response.setHeader("Connection", "close");
        write(response, HttpResponse.text(status, text + "\n"), false);
    }

    private static byte[] randomId() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return b;
    }

    private static List<String> values(Request request, String name) {
        List<String> out = new ArrayList<>();
        request.getHeaders(name).forEach(out::add);
        return out;
    }

    private static void write(Response response, HttpResponse answer, boolean head)
            throws IOException {
        response.setStatus(answer.status());
        boolean cacheControl = false;
        for (Map.Entry<String, String> h : answer.headers()) {
            response.addHeader(h.getKey(), h.getValue());
            cacheControl |= h.getKey().equalsIgnoreCase("Cache-Control");
        }
        if (!cacheControl) {
            response.setHeader("Cache-Control", "no-store");
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        byte[] body = answer.body();
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        response.setContentLength(body.length);
        if (!head && body.length > 0) {
            response.getOutputStream().write(body);
        }
    }

    /** The request as the handler sees it: read once, immutable. */
    private static final class Snapshot implements HttpRequest {
        private final String method;
        private final String path;
        private final Map<String, List<String>> headers;
        private final Map<String, List<String>> query;
        private final List<RequestCookie> cookies;
        private final byte[] body;
        private final Map<String, List<String>> form;
        private final InetSocketAddress remote;
        private final boolean secure;

        Snapshot(String method, String path, Request request, byte[] body) {
            this.method = method;
            this.path = path;
            Map<String, List<String>> h = new LinkedHashMap<>();
            for (String name : request.getHeaderNames()) {
                h.put(name.toLowerCase(Locale.ROOT), List.copyOf(values(request, name)));
            }
            this.headers = Map.copyOf(h);
            this.query = QueryParser.parse(request.getQueryString()).parameters();
            this.cookies = CookieParser.parse(headers.getOrDefault("cookie", List.of())).cookies();
            this.body = body;
            String type = headers.getOrDefault("content-type", List.of("")).get(0)
                    .toLowerCase(Locale.ROOT);
            this.form = type.startsWith("application/x-www-form-urlencoded")
                    ? QueryParser.parse(new String(body, StandardCharsets.UTF_8)).parameters()
                    : Map.of();
            this.remote = new InetSocketAddress(request.getRemoteAddr(), request.getRemotePort());
            this.secure = request.isSecure();
        }

        @Override
        public String method() {
            return method;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public Map<String, List<String>> queryParameters() {
            return query;
        }

        @Override
        public List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        @Override
        public List<RequestCookie> cookies() {
            return cookies;
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        @Override
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public Map<String, List<String>> formParameters() {
            return form;
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return remote;
        }

        @Override
        public boolean secure() {
            return secure;
        }

        @Override
        public String toString() {
            return "HttpRequest[" + method + " " + path + "]"; // never the query, cookies or body
        }
    }
}
