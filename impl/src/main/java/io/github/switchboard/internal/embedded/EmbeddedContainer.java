package io.github.switchboard.internal.embedded;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Map;
import java.util.Set;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * Tyrus's server container without Tyrus's own Grizzly server, which binds 0.0.0.0 and maps
 * port 0 to 8025 (DESIGN.md §3): the embedded server builds the listener itself and attaches
 * this container to it through Tyrus's public {@code WebSocketAddOn}.
 */
final class EmbeddedContainer extends TyrusServerContainer {

    private final TyrusWebSocketEngine engine;
    private final String contextPath;

    EmbeddedContainer(String contextPath, int incomingBufferSize) {
        super((Set<Class<?>>) null);
        this.contextPath = contextPath;
        this.engine = TyrusWebSocketEngine.builder(this)
                .incomingBufferSize(incomingBufferSize)
                .build();
        // Without these a message sent in many small fragments is assembled without bound
        // (DESIGN.md §4: 16 MiB in 256 fragments); with them Tyrus closes with 1009 past the size.
        setDefaultMaxTextMessageBufferSize(incomingBufferSize);
        setDefaultMaxBinaryMessageBufferSize(incomingBufferSize);
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, contextPath);
    }

    @Override
    public void register(ServerEndpointConfig serverEndpointConfig) throws DeploymentException {
        engine.register(serverEndpointConfig, contextPath);
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
        return engine;
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of();
    }
}
