package io.github.switchboard.internal.embedded;

import io.github.switchboard.internal.cdi.Current;
import io.github.switchboard.internal.cdi.IoSlot;
import io.github.switchboard.internal.cdi.SwitchboardConnection;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Map;
import java.util.Set;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.UpgradeRequest;
import org.glassfish.tyrus.spi.UpgradeResponse;
import org.glassfish.tyrus.spi.WebSocketEngine;
import org.glassfish.tyrus.spi.Writer;

/**
 * Tyrus's server container without Tyrus's own Grizzly server, which binds 0.0.0.0 and maps
 * port 0 to 8025 (DESIGN.md §3): the embedded server builds the listener itself and attaches
 * this container's engine to it through {@link TyrusFilter}.
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
        // Switchboard owns idle timeouts (DESIGN.md §3). Tyrus's default, 0, never times out
        // but still schedules a task on its shared timer for every message received (7 % of
        // server CPU in the chat fan-out); -1 schedules nothing.
        setDefaultMaxSessionIdleTimeout(-1);
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, contextPath);
    }

    @Override
    public void register(ServerEndpointConfig serverEndpointConfig) throws DeploymentException {
        engine.register(serverEndpointConfig, contextPath);
    }

    /**
     * Tyrus's engine, with each successful upgrade of a Switchboard connection intercepted where
     * Tyrus creates its connection: the writer becomes the connection's transport before
     * {@code @OnOpen} runs, and Tyrus's connection carries its closes.
     */
    @Override
    public WebSocketEngine getWebSocketEngine() {
        return wrapped;
    }

    private final WebSocketEngine wrapped = new WebSocketEngine() {
        @Override
        public UpgradeInfo upgrade(UpgradeRequest request, UpgradeResponse response) {
            UpgradeInfo info = engine.upgrade(request, response);
            IoSlot slot = Current.ioSlot();
            SwitchboardConnection c = slot == null ? null : slot.connection();
            if (c == null || info.getStatus() != UpgradeStatus.SUCCESS) {
                return info;
            }
            return new UpgradeInfo() {
                @Override
                public UpgradeStatus getStatus() {
                    return info.getStatus();
                }

                @Override
                public org.glassfish.tyrus.spi.Connection createConnection(Writer writer,
                        org.glassfish.tyrus.spi.Connection.CloseListener closeListener) {
                    WriterTransport transport = new WriterTransport(writer,
                            c.options().backpressureLimit(), c.outboundListener());
                    c.attach(transport);
                    org.glassfish.tyrus.spi.Connection tyrus = info.createConnection(
                            new ObservingWriter(writer, transport.outbound(), c), closeListener);
                    transport.attach(tyrus);
                    // Tyrus has run @OnOpen; the next read of this connection (its first
                    // message) cannot start before this one ends.
                    c.opened();
                    return tyrus;
                }
            };
        }

        @Override
        public void register(Class<?> endpointClass, String path) throws DeploymentException {
            engine.register(endpointClass, path);
        }

        @Override
        public void register(ServerEndpointConfig config, String path) throws DeploymentException {
            engine.register(config, path);
        }
    };

    /**
     * No extension is installed: Tyrus's permessage-deflate inflates a frame without bound (a
     * 1 MiB frame of 8 KiB compressed reached {@code @OnMessage} as 8 MiB; DESIGN.md §4), so
     * compression waits for a bounded inflater.
     */
    @Override
    public Set<jakarta.websocket.Extension> getInstalledExtensions() {
        return Set.of();
    }


    /**
     * No container properties. Tyrus 2.2 declares this abstract in {@code BaseContainer} (it reads
     * its thread settings there); Tyrus 2.1 lacks it. No {@code @Override}: this source compiles
     * against both.
     */
    public Map<String, Object> getProperties() {
        return Map.of();
    }
}
