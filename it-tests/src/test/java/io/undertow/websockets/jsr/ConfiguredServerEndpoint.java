package io.undertow.websockets.jsr;

import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Test stand-in with the members of Undertow's class of this name that Switchboard reads. */
public class ConfiguredServerEndpoint {

    private final ServerEndpointConfig config;
    private final Set<Session> open = ConcurrentHashMap.newKeySet();

    public ConfiguredServerEndpoint(ServerEndpointConfig config) {
        this.config = config;
    }

    public ServerEndpointConfig getEndpointConfiguration() {
        return config;
    }

    public Set<Session> getOpenSessions() {
        return java.util.Collections.unmodifiableSet(open);
    }

    public void addOpenSession(Session s) {
        open.add(s);
    }
}
