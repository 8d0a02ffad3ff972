package io.github.switchboard.internal;

import io.github.switchboard.Attachments;
import io.github.switchboard.Handshake;
import io.github.switchboard.internal.cdi.ConnectionServices;
import io.github.switchboard.internal.cdi.ContainerCreation;
import io.github.switchboard.internal.cdi.SwitchboardConnection;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * {@code modifyHandshake} on containers whose WebSocket implementation is not Tyrus (WildFly's
 * Undertow, Open Liberty). There no standard API sends a chosen status from here (DESIGN.md §4:
 * WildFly answers a thrown exception with a 500 carrying the stack trace), so the guards ran
 * before, in Switchboard's Servlet filter ({@code internal.servlet.GuardFilter}), which refused
 * with the exact status or left its decision in {@link Handoffs}. This takes that decision.
 *
 * <p>A handshake that arrives without one (an endpoint the filter does not know, such as one added
 * programmatically, or a container that skipped the filter) is checked here, and a refusal takes
 * the documented fallback: the upgrade completes and the connection is closed at its first
 * callback, before {@code @OnOpen} runs, with 4000 + status (4401, 4403) or 1011 for a server
 * error ({@link ContainerCreation#refuseIfMarked}). Stateless and thread-safe.
 */
final class ContainerHandshake {

    private static final System.Logger LOG = System.getLogger(ContainerHandshake.class.getName());

    private ContainerHandshake() {
    }

    static void process(ServerEndpointConfig sec, HandshakeRequest request) {
        try {
            decide(sec, request);
        } catch (RuntimeException | Error e) {
            // Anything escaping modifyHandshake becomes a 500 page with the stack trace on
            // WildFly (DESIGN.md §4): fail closed through the fallback instead.
            String id = java.util.UUID.randomUUID().toString();
            LOG.log(Level.ERROR, "SWB-1004 handshake processing failed; closing with 1011. "
                    + "correlation id " + id, e);
            sec.getUserProperties().keySet().removeAll(List.of(Handshake.USER_PROPERTY,
                    Attachments.USER_PROPERTY, SwitchboardConnection.USER_PROPERTY));
            sec.getUserProperties().put(ContainerCreation.REFUSED_PROPERTY, 1011);
        }
    }

    private static void decide(ServerEndpointConfig sec, HandshakeRequest request) {
        Map<String, List<String>> headers = request.getHeaders();
        Handoffs.Entry entry = Handoffs.take(first(headers, "sec-websocket-key"));
        Handshake handshake;
        Attachments data;
        if (entry != null && entry.endpointPath().equals(sec.getPath())) {
            handshake = entry.handshake();
            data = entry.data();
        } else {
            PreUpgrade.Verdict v = PreUpgrade.check(sec.getEndpointClass(), sec.getPath(),
                    new SnapshotFactory.Request(request.getRequestURI(), request.getQueryString(),
                            headers, request.getUserPrincipal(), null, false, null, false));
            if (!v.accepted()) {
                LOG.log(Level.DEBUG, () -> "SWB-1007 upgrade refused with " + v.status() + " ("
                        + v.detail() + ") for endpoint " + sec.getPath() + " without the guard "
                        + "filter; closing with " + v.closeCode() + " before @OnOpen");
                sec.getUserProperties().put(ContainerCreation.REFUSED_PROPERTY, v.closeCode());
                return;
            }
            handshake = v.handshake();
            data = v.data();
        }
        sec.getUserProperties().put(Handshake.USER_PROPERTY, handshake);
        sec.getUserProperties().put(Attachments.USER_PROPERTY, data);
        ConnectionServices services = SwitchboardRuntime.container().connections();
        if (services != null) {
            java.net.InetAddress address = handshake.remoteAddress()
                    .map(InetSocketAddress::getAddress).orElse(null);
            SwitchboardConnection connection = new SwitchboardConnection(handshake, data, services,
                    services.options(sec.getEndpointClass()), address, false, sec);
            sec.getUserProperties().put(SwitchboardConnection.USER_PROPERTY, connection);
            ContainerCreation.offer(connection, sec.getEndpointClass());
        }
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
}
