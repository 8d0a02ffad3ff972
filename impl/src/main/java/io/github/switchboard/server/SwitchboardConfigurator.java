package io.github.switchboard.server;

import io.github.switchboard.internal.HandshakeProcessor;
import io.github.switchboard.internal.NegotiableExtension;
import io.github.switchboard.internal.cdi.EndpointFactory;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The configurator that turns a Jakarta WebSocket endpoint into a Switchboard endpoint:
 * {@code @ServerEndpoint(value = "/chat", configurator = SwitchboardConfigurator.class)}.
 *
 * <p>Before each upgrade it captures the request into an immutable
 * {@link io.github.switchboard.Handshake}, checks the {@code Origin}
 * ({@link io.github.switchboard.AllowedOrigins}, same-origin by default) and runs the
 * {@link io.github.switchboard.HandshakeGuard} beans. An accepted connection finds its handshake
 * and the guards' data with {@link io.github.switchboard.Handshake#of(jakarta.websocket.Session)}
 * and {@link io.github.switchboard.Attachments#of(jakarta.websocket.Session)}; a refused one
 * gets an HTTP error status and no endpoint instance is ever created.
 *
 * <p>The container creates one instance per endpoint and calls it from many threads; it holds no
 * state. Subclasses that override {@link #modifyHandshake} must call {@code super} first.
 */
public class SwitchboardConfigurator extends ServerEndpointConfig.Configurator {

    /**
     * Always true: the origin check needs the {@code Host} header and the full header list, which
     * this method does not receive, so it runs in {@link #modifyHandshake} instead.
     */
    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return true;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request,
            HandshakeResponse response) {
        HandshakeProcessor.process(sec, request, response);
    }

    /**
     * Obtains the endpoint instance from CDI for the connection being served, so that the
     * endpoint gets injection, interceptors and {@code @PreDestroy}, and its per-connection values
     * come from that connection. Fails (and the container closes the connection with 1011) when
     * the calling thread is not working for a Switchboard connection.
     */
    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        return EndpointFactory.create(endpointClass);
    }

    /**
     * The container's negotiation for the extensions it installed, and Switchboard's own for
     * those the embedded server installs (permessage-deflate, when the endpoint enables it),
     * which pick the first offer they can honour and decline the rest.
     */
    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed,
            List<Extension> requested) {
        List<Extension> theirs = new ArrayList<>();
        List<NegotiableExtension> ours = new ArrayList<>();
        for (Extension e : installed) {
            if (e instanceof NegotiableExtension n) {
                ours.add(n);
            } else {
                theirs.add(e);
            }
        }
        if (ours.isEmpty()) {
            return super.getNegotiatedExtensions(installed, requested);
        }
        List<Extension> offers = requested == null ? List.of() : requested;
        List<Extension> result = new ArrayList<>(super.getNegotiatedExtensions(theirs, offers));
        for (NegotiableExtension n : ours) {
            Extension chosen = n.negotiate(offers);
            if (chosen != null
                    && result.stream().noneMatch(e -> e.getName().equals(chosen.getName()))) {
                result.add(chosen);
            }
        }
        return result;
    }
}
