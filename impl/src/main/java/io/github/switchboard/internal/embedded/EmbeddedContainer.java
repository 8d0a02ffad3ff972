package io.github.switchboard.internal.embedded;

import io.github.switchboard.internal.cdi.Current;
import io.github.switchboard.internal.cdi.IoSlot;
import io.github.switchboard.internal.cdi.SwitchboardConnection;
import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Encoder;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
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
    /** The extension the embedded server installs on an endpoint class, or null for none. */
    private final Function<Class<?>, Extension> extensionFor;
    /**
     * What {@link #getInstalledExtensions} answers: Tyrus reads it while it registers an annotated
     * endpoint, so during {@link #register(Class)} it holds that endpoint's extensions.
     */
    private volatile Set<Extension> installed = Set.of();
    /** The portable outbound mode ({@code switchboard.outbound=portable}), or null for the fast path. */
    private final PortableOutbound portable = PortableOutbound.fromSettings();

    /**
     * @param extensionFor the extension to install on an endpoint class, or null for none
     *                     (permessage-deflate where the endpoint's options enable it)
     */
    EmbeddedContainer(String contextPath, int incomingBufferSize,
            Function<Class<?>, Extension> extensionFor) {
        super((Set<Class<?>>) null);
        this.contextPath = contextPath;
        this.extensionFor = extensionFor;
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
    public synchronized void register(Class<?> endpointClass) throws DeploymentException {
        Extension e = extensionFor.apply(endpointClass);
        installed = e == null ? Set.of() : Set.of(e);
        try {
            engine.register(endpointClass, contextPath);
        } finally {
            installed = Set.of();
        }
    }

    @Override
    public void register(ServerEndpointConfig serverEndpointConfig) throws DeploymentException {
        Extension e = extensionFor.apply(serverEndpointConfig.getEndpointClass());
        engine.register(e == null ? serverEndpointConfig
                : new WithExtension(serverEndpointConfig, e), contextPath);
    }

    /** A programmatic endpoint's configuration with one more installed extension. */
    private record WithExtension(ServerEndpointConfig config, Extension extension)
            implements ServerEndpointConfig {
        @Override
        public Class<?> getEndpointClass() {
            return config.getEndpointClass();
        }

        @Override
        public String getPath() {
            return config.getPath();
        }

        @Override
        public List<String> getSubprotocols() {
            return config.getSubprotocols();
        }

        @Override
        public List<Extension> getExtensions() {
            List<Extension> all = new ArrayList<>(config.getExtensions());
            all.add(extension);
            return all;
        }

        @Override
        public Configurator getConfigurator() {
            return config.getConfigurator();
        }

        @Override
        public List<Class<? extends Encoder>> getEncoders() {
            return config.getEncoders();
        }

        @Override
        public List<Class<? extends Decoder>> getDecoders() {
            return config.getDecoders();
        }

        @Override
        public Map<String, Object> getUserProperties() {
            return config.getUserProperties();
        }
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
                    if (portable != null) {
                        return portableConnection(c, slot, writer, closeListener);
                    }
                    WriterTransport transport = new WriterTransport(writer,
                            c.options().backpressureLimit(), c.outboundListener(),
                            negotiated(response, PerMessageDeflate.NAME));
                    c.attach(transport);
                    org.glassfish.tyrus.spi.Connection tyrus = info.createConnection(
                            new ObservingWriter(writer, transport.outbound(), c), closeListener);
                    transport.attach(tyrus);
                    // Tyrus has run @OnOpen; the next read of this connection (its first
                    // message) cannot start before this one ends.
                    c.opened();
                    return tyrus;
                }

                /**
                 * The portable mode: the connection sends through its session, as without the
                 * embedded gate; what {@code @OnOpen} sends waits until the session is known.
                 */
                private org.glassfish.tyrus.spi.Connection portableConnection(
                        SwitchboardConnection c, IoSlot slot, Writer writer,
                        org.glassfish.tyrus.spi.Connection.CloseListener closeListener) {
                    c.attachPortable();
                    org.glassfish.tyrus.spi.Connection tyrus = info.createConnection(
                            new ObservingWriter(writer, c, slot), closeListener);
                    jakarta.websocket.Session session = portable.session(tyrus);
                    if (session != null) {
                        c.bindSession(session);
                    }
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

    /** Whether the handshake's answer accepted the extension {@code name}. */
    private static boolean negotiated(UpgradeResponse response, String name) {
        for (Map.Entry<String, List<String>> h : response.getHeaders().entrySet()) {
            if (h.getKey().equalsIgnoreCase("Sec-WebSocket-Extensions")) {
                for (String value : h.getValue()) {
                    for (String extension : value.split(",")) {
                        if (extension.split(";")[0].trim().equalsIgnoreCase(name)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /**
     * Only Switchboard's own: Tyrus's permessage-deflate inflates a frame without bound (a 1 MiB
     * frame of 8 KiB compressed reached {@code @OnMessage} as 8 MiB; DESIGN.md §4), so the
     * embedded server installs {@link PerMessageDeflate} instead, per endpoint: while an annotated
     * endpoint is registered this holds its extensions, otherwise nothing.
     */
    @Override
    public Set<Extension> getInstalledExtensions() {
        return installed;
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
