package io.undertow.websockets.jsr;

import java.util.List;

/** Test stand-in with the member of Undertow's class of this name that Switchboard reads. */
public class ServerWebSocketContainer {

    private final List<ConfiguredServerEndpoint> endpoints;

    public ServerWebSocketContainer(List<ConfiguredServerEndpoint> endpoints) {
        this.endpoints = endpoints;
    }

    public List<ConfiguredServerEndpoint> getConfiguredServerEndpoints() {
        return endpoints;
    }
}
