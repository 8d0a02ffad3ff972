package io.github.switchboard.internal.embedded;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.CloseListener;
import org.glassfish.grizzly.CloseType;
import org.glassfish.grizzly.Closeable;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.util.Parameters;
import org.glassfish.grizzly.memory.ByteBufferArray;
import org.glassfish.tyrus.container.grizzly.client.GrizzlyWriter;
import org.glassfish.tyrus.container.grizzly.client.TaskProcessor;
import org.glassfish.tyrus.core.CloseReasons;
import org.glassfish.tyrus.core.RequestContext;
import org.glassfish.tyrus.core.TyrusUpgradeResponse;
import org.glassfish.tyrus.core.Utils;
import org.glassfish.tyrus.spi.ReadHandler;
import org.glassfish.tyrus.spi.UpgradeResponse;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * Tyrus on Switchboard's Grizzly listener, driven through Tyrus's engine SPI: the upgrade
 * ({@link WebSocketEngine#upgrade}), then every read of an upgraded connection into Tyrus's
 * {@link ReadHandler}, and Grizzly's close into Tyrus's connection. It stands where Tyrus's own
 * {@code GrizzlyServerFilter} would, and does what that filter does, in the same order: write
 * Tyrus's answer, then create Tyrus's connection (which runs {@code @OnOpen}); hand each read to
 * one {@link TaskProcessor} per connection (so that a close never overlaps a read); close
 * Tyrus's connection with 1006 when Grizzly closes. Headers reach Tyrus split on commas as with
 * Tyrus's filter (DESIGN.md §4; Switchboard reads the raw capture instead).
 *
 * <p>Why not Tyrus's filter: it is package-private, as is the constructor of the
 * {@code WebSocketAddOn} that installs it, in every Tyrus before 2.2.2 (checked: 2.1.5, 2.1.6,
 * 2.2.0, 2.2.1), and Tyrus's own server that uses them binds 0.0.0.0. Every class used here is
 * public, and unchanged between Tyrus 2.1.5 and 2.2.2, so the embedded server runs on both
 * (GlassFish 7 ships Tyrus 2.1.5) without reflection.
 *
 * <p>One instance serves every connection; per-connection state lives in a Grizzly attribute.
 * Serves the root context: every upgrade that reaches it is for Tyrus.
 */
final class TyrusFilter extends BaseFilter {

    /** Tyrus's connection and its task queue, set once the upgrade succeeded. */
    /**
     * Tyrus's side of one upgraded Grizzly connection. It exists from just before the 101 is
     * written: the client may send frames as soon as it has the 101, while Tyrus is still
     * creating its connection (and running {@code @OnOpen}) on the handshake's thread; a read
     * that arrives meanwhile on another thread waits here and is handed to Tyrus, in order,
     * once its connection exists. Without this such a read fell through to the HTTP handlers
     * and its frames were lost.
     */
    private static final class Upgraded {
        private final TaskProcessor tasks = new TaskProcessor();
        private org.glassfish.tyrus.spi.Connection tyrus; // guarded by this
        private List<ByteBuffer> early = new ArrayList<>(); // guarded by this; null once ready

        TaskProcessor tasks() {
            return tasks;
        }

        synchronized org.glassfish.tyrus.spi.Connection tyrus() {
            return tyrus;
        }

        /** Hands {@code bytes} to Tyrus in arrival order, or keeps them until it is ready. */
        void read(ByteBuffer bytes) {
            synchronized (this) {
                if (early != null) {
                    early.add(bytes);
                    return;
                }
            }
            tasks.processTask(new Read(this, bytes));
        }

        /**
         * Tyrus's connection exists: what arrived meanwhile goes first. Queued under the lock so
         * that a read on another thread cannot overtake it.
         */
        void ready(org.glassfish.tyrus.spi.Connection connection) {
            synchronized (this) {
                tyrus = connection;
                List<ByteBuffer> pending = early;
                early = null;
                for (ByteBuffer bytes : pending) {
                    tasks.processTask(new Read(this, bytes));
                }
            }
        }
    }

    private static final Attribute<Upgraded> UPGRADED = Grizzly.DEFAULT_ATTRIBUTE_BUILDER
            .createAttribute(TyrusFilter.class.getName() + ".upgraded");
    /** On the request: its upgrade was handed to Tyrus (a request's later content must not be). */
    private static final String HANDED_OVER = TyrusFilter.class.getName() + ".handedOver";

    private final WebSocketEngine engine;

    TyrusFilter(WebSocketEngine engine) {
        this.engine = engine;
    }

    /** Tyrus's connection for a Grizzly connection, or null before (or without) an upgrade. */
    static org.glassfish.tyrus.spi.Connection tyrusConnection(Connection<?> connection) {
        Upgraded u = UPGRADED.get(connection);
        return u == null ? null : u.tyrus();
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        HttpContent message = ctx.getMessage();
        Upgraded upgraded = UPGRADED.get(ctx.getConnection());
        if (upgraded == null) {
            HttpHeader header = message.getHttpHeader();
            if (!(header instanceof HttpRequestPacket request)
                    || !"websocket".equalsIgnoreCase(header.getUpgrade())
                    || request.getAttribute(HANDED_OVER) != null) {
                return ctx.getInvokeAction();
            }
            request.setAttribute(HANDED_OVER, Boolean.TRUE);
            return upgrade(ctx, message, request);
        }
        if (message.getContent().hasRemaining()) {
            Buffer buffer = message.getContent();
            message.recycle();
            handOver(upgraded, buffer);
        }
        return ctx.getStopAction();
    }

    /**
     * A read of an upgraded connection that bypasses the HTTP codec ({@link UpgradedReads}):
     * its bytes go to Tyrus in arrival order.
     */
    static void upgradedRead(Connection<?> connection, Buffer buffer) {
        Upgraded upgraded = UPGRADED.get(connection);
        if (upgraded != null && buffer.hasRemaining()) {
            handOver(upgraded, buffer);
        }
    }

    private static void handOver(Upgraded upgraded, Buffer buffer) {
        if (!buffer.isComposite()) {
            upgraded.read(buffer.toByteBuffer());
        } else {
            ByteBufferArray parts = buffer.toByteBufferArray();
            ByteBuffer[] array = parts.getArray();
            for (int i = 0; i < parts.size(); i++) {
                upgraded.read(array[i]);
            }
            parts.recycle();
        }
    }

    /**
     * Runs {@code action} once Tyrus has processed every read of {@code grizzly} handed to it so
     * far (reads are serial tasks, possibly on another thread); at once when Tyrus does not hold
     * the connection.
     */
    static void afterTyrus(Connection<?> grizzly, Runnable action) {
        Upgraded upgraded = UPGRADED.get(grizzly);
        if (upgraded == null) {
            action.run();
            return;
        }
        upgraded.tasks().processTask(new TaskProcessor.Task() {
            @Override
            public void execute() {
                action.run();
            }
        });
    }

    @Override
    public NextAction handleClose(FilterChainContext ctx) throws IOException {
        Connection<?> connection = ctx.getConnection();
        Upgraded upgraded = UPGRADED.get(connection);
        if (upgraded != null) {
            upgraded.tasks().processTask(new TaskProcessor.Task() {
                @Override
                public void execute() {
                    org.glassfish.tyrus.spi.Connection tyrus = upgraded.tyrus();
                    if (tyrus != null) {
                        tyrus.close(CloseReasons.CLOSED_ABNORMALLY.getCloseReason());
                    }
                    UPGRADED.remove(connection);
                }
            });
        }
        return ctx.getStopAction();
    }

    private NextAction upgrade(FilterChainContext ctx, HttpContent message,
            HttpRequestPacket request) {
        UpgradeResponse response = new TyrusUpgradeResponse();
        WebSocketEngine.UpgradeInfo info = engine.upgrade(requestContext(request), response);
        switch (info.getStatus()) {
            case SUCCESS -> {
                Connection<?> grizzly = ctx.getConnection();
                Upgraded upgraded = new Upgraded();
                UPGRADED.set(grizzly, upgraded); // before the 101: see Upgraded
                write(ctx, request, response);
                org.glassfish.tyrus.spi.Connection tyrus;
                try {
                    tyrus = info.createConnection(new GrizzlyWriter(grizzly),
                            reason -> grizzly.close());
                } catch (RuntimeException | Error e) {
                    UPGRADED.remove(grizzly); // nothing will take the early reads
                    throw e;
                }
                upgraded.ready(tyrus);
                CloseListener<Closeable, CloseType> closed = (closeable, type) -> {
                    tyrus.close(CloseReasons.GOING_AWAY.getCloseReason());
                    UPGRADED.remove(grizzly);
                };
                grizzly.addCloseListener(closed);
                return ctx.getStopAction();
            }
            case HANDSHAKE_FAILED -> {
                write(ctx, request, response);
                message.recycle();
                return ctx.getStopAction();
            }
            default -> {
                return ctx.getInvokeAction(); // NOT_APPLICABLE: no endpoint at this path
            }
        }
    }

    private static void write(FilterChainContext ctx, HttpRequestPacket request,
            UpgradeResponse answer) {
        HttpResponsePacket response = request.getResponse();
        response.setProtocol(Protocol.HTTP_1_1);
        response.setStatus(answer.getStatus());
        if (answer.getReasonPhrase() != null) {
            response.setReasonPhrase(answer.getReasonPhrase());
        }
        for (Map.Entry<String, List<String>> e : answer.getHeaders().entrySet()) {
            response.setHeader(e.getKey(), Utils.getHeaderFromList(e.getValue()));
        }
        ctx.write(HttpContent.builder(response).build());
    }

    /** The request as Tyrus's engine reads it, built as Tyrus's Grizzly filter builds it. */
    private static RequestContext requestContext(HttpRequestPacket request) {
        Parameters parameters = new Parameters();
        parameters.setQuery(request.getQueryStringDC());
        parameters.setQueryStringEncoding(java.nio.charset.StandardCharsets.UTF_8);
        Map<String, String[]> parameterMap = new HashMap<>();
        for (String name : parameters.getParameterNames()) {
            parameterMap.put(name, parameters.getParameterValues(name));
        }
        RequestContext context = RequestContext.Builder.create()
                .requestURI(URI.create(request.getRequestURI()))
                .queryString(request.getQueryString())
                .parameterMap(parameterMap)
                .secure(request.isSecure())
                .remoteAddr(request.getRemoteAddress())
                .serverAddr(request.getLocalHost() == null ? request.getLocalAddress()
                        : request.getLocalHost())
                .serverPort(request.getLocalPort())
                .tyrusProperties(Map.of())
                .build();
        Map<String, List<String>> headers = context.getHeaders();
        for (String name : request.getHeaders().names()) {
            for (String value : request.getHeaders().values(name)) {
                List<String> values = headers.get(name);
                if (values == null) {
                    headers.put(name, Utils.parseHeaderValue(value.trim()));
                } else {
                    values.addAll(Utils.parseHeaderValue(value.trim()));
                }
            }
        }
        return context;
    }

    /** One read's bytes into Tyrus, in the connection's task order. */
    private static final class Read extends TaskProcessor.Task {
        private final Upgraded upgraded;
        private final ByteBuffer bytes;

        Read(Upgraded upgraded, ByteBuffer bytes) {
            this.upgraded = upgraded;
            this.bytes = bytes;
        }

        @Override
        public void execute() {
            ReadHandler reader = upgraded.tyrus().getReadHandler();
            reader.handle(bytes);
        }
    }
}
