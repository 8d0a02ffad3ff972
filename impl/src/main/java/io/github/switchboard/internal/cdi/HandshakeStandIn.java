package io.github.switchboard.internal.cdi;

import io.github.switchboard.Handshake;
import io.github.switchboard.RequestCookie;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code Handshake} injected into longer-lived beans: the running connection's. Stateless. */
final class HandshakeStandIn implements Handshake {

    private static Handshake target() {
        return ConnectionStandIn.target().handshake();
    }

    @Override
    public URI requestUri() {
        return target().requestUri();
    }

    @Override
    public String path() {
        return target().path();
    }

    @Override
    public String endpointPath() {
        return target().endpointPath();
    }

    @Override
    public Map<String, String> pathParameters() {
        return target().pathParameters();
    }

    @Override
    public Map<String, List<String>> queryParameters() {
        return target().queryParameters();
    }

    @Override
    public Map<String, List<String>> headers() {
        return target().headers();
    }

    @Override
    public List<RequestCookie> cookies() {
        return target().cookies();
    }

    @Override
    public boolean cookiesTrusted() {
        return target().cookiesTrusted();
    }

    @Override
    public Optional<String> origin() {
        return target().origin();
    }

    @Override
    public List<String> subprotocols() {
        return target().subprotocols();
    }

    @Override
    public Optional<InetSocketAddress> remoteAddress() {
        return target().remoteAddress();
    }

    @Override
    public Optional<Principal> userPrincipal() {
        return target().userPrincipal();
    }

    @Override
    public boolean secure() {
        return target().secure();
    }

    @Override
    public String toString() {
        return "Handshake stand-in";
    }
}
