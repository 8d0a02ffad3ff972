package io.github.switchboard.internal.embedded;

import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;

/** An application's programmatic endpoint configuration, with the extensions its options offer. */
record ExtendedConfig(ServerEndpointConfig delegate, List<Extension> extensions)
        implements ServerEndpointConfig {

    @Override
    public Class<?> getEndpointClass() {
        return delegate.getEndpointClass();
    }

    @Override
    public String getPath() {
        return delegate.getPath();
    }

    @Override
    public List<String> getSubprotocols() {
        return delegate.getSubprotocols();
    }

    @Override
    public List<Extension> getExtensions() {
        return extensions;
    }

    @Override
    public Configurator getConfigurator() {
        return delegate.getConfigurator();
    }

    @Override
    public List<Class<? extends Encoder>> getEncoders() {
        return delegate.getEncoders();
    }

    @Override
    public List<Class<? extends Decoder>> getDecoders() {
        return delegate.getDecoders();
    }

    @Override
    public Map<String, Object> getUserProperties() {
        return delegate.getUserProperties();
    }
}
