package io.github.switchboard.internal;

import io.github.switchboard.AllowedOrigins;
import io.github.switchboard.Attachments;
import io.github.switchboard.GuardResult;
import io.github.switchboard.Handshake;
import io.github.switchboard.internal.cdi.ConnectionLimits;
import io.github.switchboard.internal.cdi.ConnectionServices;
import io.github.switchboard.internal.cdi.Current;
import io.github.switchboard.internal.cdi.IoSlot;
import io.github.switchboard.internal.cdi.Requirements;
import io.github.switchboard.internal.cdi.SwitchboardConnection;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@code SwitchboardConfigurator.modifyHandshake} does: snapshot, origin check, guards, then
 * either store the context in the per-handshake user properties or refuse the upgrade.
 *
 * <p>Per-connection data goes only into {@code sec.getUserProperties()}, the per-handshake copy
 * that Jakarta WebSocket 2.1 guarantees (DESIGN.md §4: 1,000 concurrent handshakes stayed
 * isolated); nothing is kept in fields, statics or thread-locals. Stateless and thread-safe.
 */
public final class HandshakeProcessor {

    private static final System.Logger LOG = System.getLogger(HandshakeProcessor.class.getName());

    /** Origin policies declared with {@link AllowedOrigins}, by endpoint class (server-wide data). */
    private static final Map<Class<?>, Optional<OriginPolicy>> DECLARED_ORIGINS =
            new ConcurrentHashMap<>();

    private HandshakeProcessor() {
    }

    /**
     * Runs the handshake checks. Returns normally when the upgrade may proceed; otherwise throws
     * what makes the container refuse it.
     */
    public static void process(ServerEndpointConfig sec, HandshakeRequest request,
            HandshakeResponse response) {
        if (!TyrusSupport.isTyrusResponse(response)) {
            // Undertow, Liberty: the guard filter decided before the upgrade (DESIGN.md §3).
            ContainerHandshake.process(sec, request);
            return;
        }
        long started = System.nanoTime();
        ConnectionServices metered = null; // where the outcome is recorded, once known
        Rejection rejection;
        Handshake handshake = null;
        RawCapture raw = null;
        boolean reserved = false;
        SwitchboardRuntime runtimeFound = null;
        java.net.InetAddress reservedFor = null;
        try {
            Map<String, List<String>> headers = request.getHeaders();
            // The embedded gate hands the exact request over through the I/O slot of the read
            // that runs this call; elsewhere there is none.
            IoSlot ioSlot = Current.ioSlot();
            IoSlot.Handover handover = ioSlot == null ? null : ioSlot.takeHandover();
            SwitchboardRuntime runtime;
            if (handover != null) {
                runtime = SwitchboardRuntime.embedded(handover.secret()).orElse(null);
                if (runtime == null) { // its server has stopped
                    throw new Rejection(503, "Service Unavailable", Map.of(),
                            "the server is stopping");
                }
                raw = handover.capture();
            } else if (first(headers, RawCapture.HEADER) != null) {
                // A name of Switchboard's own: the embedded gate removes any copy a client sends,
                // so here it can only be a forgery.
                throw new Rejection(400, "Bad Request", Map.of(), "forged internal header");
            } else {
                runtime = SwitchboardRuntime.container();
            }
            metered = runtime.connections();

            boolean tyrus = TyrusSupport.isTyrusRequest(request);
            InetSocketAddress remote = tyrus ? TyrusSupport.remoteAddress(request).orElse(null) : null;
            boolean secure = tyrus && TyrusSupport.secure(request);
            URI uri = request.getRequestURI();
            try {
                handshake = SnapshotFactory.create(new SnapshotFactory.Request(uri,
                        request.getQueryString(), headers, request.getUserPrincipal(), raw, tyrus,
                        remote, secure), sec.getPath());
            } catch (SnapshotFactory.BadRequest e) {
                throw new Rejection(400, "Bad Request", Map.of(), e.getMessage());
            }

            // Every same-origin policy, also one an endpoint declares with an empty list, checks
            // that Host is a served name (DNS rebinding).
            OriginPolicy origins = runtime.originsFor(
                    declaredOrigins(sec.getEndpointClass()).orElse(runtime.origins()),
                    raw == null ? null : raw.local());
            Optional<String> originRefusal = origins.refusal(handshake.headers("origin"),
                    handshake.header("host"), handshake.secure());
            if (originRefusal.isPresent()) {
                throw new Rejection(403, "Forbidden", Map.of(), originRefusal.get());
            }

            ConnectionServices services = runtime.connections();
            java.net.InetAddress address = handshake.remoteAddress()
                    .map(InetSocketAddress::getAddress).orElse(null);
            // Only the embedded server can give places back (its gate sees every connection end);
            // elsewhere the container's own limits apply.
            if (services != null && raw != null) {
                ConnectionLimits.Refusal full = services.limits().reserve(address);
                if (full == ConnectionLimits.Refusal.TOTAL) {
                    throw new Rejection(503, "Service Unavailable",
                            Map.of("Retry-After", List.of("5")), "the connection limit is reached");
                }
                if (full == ConnectionLimits.Refusal.ADDRESS) {
                    throw new Rejection(429, "Too Many Requests",
                            Map.of("Retry-After", List.of("5")),
                            "the connection limit of this address is reached");
                }
                reserved = true;
                runtimeFound = runtime;
                reservedFor = address;
            }
            GuardResult result = runtime.guards().run(handshake, sec.getEndpointClass());
            if (result instanceof GuardResult.Reject reject) {
                throw new Rejection(reject.status(), HttpStatus.phrase(reject.status(), reject.reason()),
                        reject.headers(), "refused by a guard");
            }
            Attachments data = ((GuardResult.Accept) result).data();
            if (services != null) {
                Requirements.Missing missing = services.requirements(sec.getEndpointClass())
                        .missing(handshake, data);
                if (missing != null) {
                    if (missing.status() >= 500) {
                        LOG.log(Level.ERROR, "SWB-1110 endpoint " + sec.getEndpointClass().getName()
                                + " injects " + missing.what() + ", but no guard attached one; "
                                + "refused with 500");
                    }
                    throw new Rejection(missing.status(), HttpStatus.phrase(missing.status()),
                            Map.of(), "the endpoint requires the " + missing.what());
                }
            }
            sec.getUserProperties().put(Handshake.USER_PROPERTY, handshake);
            sec.getUserProperties().put(Attachments.USER_PROPERTY, data);
            if (services != null) {
                SwitchboardConnection connection = new SwitchboardConnection(handshake, data, services,
                        services.options(sec.getEndpointClass()), address, reserved, sec);
                reserved = false; // the connection gives the place back when it is finished
                sec.getUserProperties().put(SwitchboardConnection.USER_PROPERTY, connection);
                if (ioSlot != null) {
                    ioSlot.connection(connection); // the embedded gate: this read is the handshake
                }
                services.meters().handshake(101, System.nanoTime() - started);
            }
            return;
        } catch (Rejection r) {
            rejection = r;
        } catch (Throwable e) {
            // A bug of ours must still answer: anything escaping modifyHandshake makes Tyrus
            // drop the TCP connection without a response (DESIGN.md §4).
            String id = UUID.randomUUID().toString();
            LOG.log(Level.ERROR, "SWB-1004 handshake processing failed; refused with 500. "
                    + "correlation id " + id + (handshake == null ? "" : ", " + handshake), e);
            rejection = new Rejection(500, "Internal Server Error",
                    Map.of("X-Correlation-Id", List.of(id)), "internal error");
        }
        if (reserved) {
            runtimeFound.connections().limits().release(reservedFor); // no connection will hold it
        }
        if (metered != null) {
            metered.meters().handshake(rejection.status, System.nanoTime() - started);
        }
        LOG.log(Level.DEBUG, () -> "SWB-1005 upgrade refused with " + rejection.status + " ("
                + rejection.detail + ") for endpoint " + sec.getPath());
        // A verified capture means the embedded gate is in front and will write the headers.
        throw refuse(response, rejection, raw != null);
    }

    private static RuntimeException refuse(HandshakeResponse response, Rejection r,
            boolean throughGate) {
        Map<String, List<String>> out = response.getHeaders();
        for (String h : List.of("Upgrade", "Connection", "Sec-WebSocket-Accept",
                "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions")) {
            out.keySet().removeIf(k -> k.equalsIgnoreCase(h));
        }
        if (throughGate) {
            // One line per value, written by the gate: Tyrus joins a name's values with ", ".
            List<Map.Entry<String, String>> lines = new java.util.ArrayList<>();
            r.headers.forEach((k, vs) -> vs.forEach(v -> lines.add(Map.entry(k, v))));
            if (!lines.isEmpty()) {
                out.put(RawCapture.RESPONSE_HEADERS, List.of(RawCapture.encodeLines(lines)));
            }
        } else {
            r.headers.forEach((k, v) -> out.put(k, List.copyOf(v)));
        }
        out.put("Connection", List.of("close"));
        if (throughGate) {
            out.put("Content-Length", List.of("0"));
        } else {
            // The container frames its own error response: GlassFish writes an HTML error page
            // after the headers, which a Content-Length of 0 would leave to be read as the next
            // response (measured on GlassFish 7.0.25).
            out.keySet().removeIf(k -> k.equalsIgnoreCase("Content-Length"));
        }
        if (TyrusSupport.isTyrusResponse(response)) {
            throw TyrusSupport.reject(response, r.status, r.phrase);
        }
        // Containers other than Tyrus are covered by the EE deployment work; until then refuse
        // loudly rather than open a socket the guards refused.
        throw new IllegalStateException("SWB-1006 cannot refuse the upgrade with " + r.status
                + " on this WebSocket container");
    }

    static Optional<OriginPolicy> declaredOrigins(Class<?> endpointClass) {
        return DECLARED_ORIGINS.computeIfAbsent(endpointClass, c -> {
            AllowedOrigins a = c.getAnnotation(AllowedOrigins.class);
            return a == null ? Optional.empty() : Optional.of(OriginPolicy.of(Arrays.asList(a.value())));
        });
    }

    private static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null
                    && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    /** A refusal on its way out of {@link #process}; never escapes this class. */
    private static final class Rejection extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String phrase;
        final transient Map<String, List<String>> headers;
        final String detail;

        Rejection(int status, String phrase, Map<String, List<String>> headers, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.phrase = phrase;
            this.headers = headers;
            this.detail = detail;
        }
    }
}
