package io.github.switchboard.internal.embedded;

import io.github.switchboard.internal.HttpStatus;
import io.github.switchboard.internal.RawCapture;
import io.github.switchboard.internal.UriText;
import io.github.switchboard.internal.cdi.Current;
import io.github.switchboard.internal.cdi.Frames;
import io.github.switchboard.internal.cdi.IoSlot;
import io.github.switchboard.internal.cdi.SwitchboardConnection;
import io.github.switchboard.internal.cdi.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.http.util.MimeHeaders;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.utils.IdleTimeoutFilter;

/**
 * The embedded server's gate, between Grizzly's HTTP codec and Tyrus ({@link TyrusFilter})
 * (DESIGN.md §3 "Embedded server", §4). For each WebSocket upgrade request it
 * <ol>
 *   <li>refuses what Tyrus would wrongly accept (method, HTTP version, key, version, target:
 *       {@link UpgradeValidator}) with a complete response, {@code Connection: close}, then
 *       closes;</li>
 *   <li>removes any {@code x-switchboard-*} header the client sent and hands the exact capture
 *       of the request ({@link RawCapture}) to the configurator through the connection's
 *       {@link IoSlot};</li>
 *   <li>rewrites any non-101 answer Tyrus gives (a guard's or the origin check's refusal) into a
 *       well-formed error without upgrade headers, then closes the connection: Tyrus itself
 *       leaves it open;</li>
 *   <li>after a 101, lifts the handshake deadline (the listener's idle timeout) for that
 *       connection, registers it as open, and closes it with 1002 on the first unmasked client
 *       frame and with 1009 on the first message over the size limit ({@link FrameScanner});</li>
 *   <li>once the server is closing, refuses new upgrades with 503.</li>
 * </ol>
 * Requests that are not WebSocket upgrades pass untouched. One instance serves every connection;
 * per-connection state lives in a Grizzly attribute.
 */
final class GateFilter extends BaseFilter {

    private static final Attribute<State> STATE =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(GateFilter.class.getName() + ".state");


    private enum Phase { HANDSHAKE, UPGRADED, REFUSED }

    /** Per connection; written by the connection's reading thread, read by its writer. */
    private static final class State {
        volatile Phase phase = Phase.HANDSHAKE;
        /** The handshake was answered with 101 (whatever the phase is now). */
        volatile boolean upgraded;
        /** The connection was failed with a close frame (at most once). Its reading thread. */
        boolean refused;
        FrameScanner scanner;
        /** The Switchboard connection, once the handshake's configurator accepted it. */
        final IoSlot slot = new IoSlot();
    }

    /** The Switchboard connection of a Grizzly connection, or null. */
    static SwitchboardConnection connectionOf(Connection<?> connection) {
        State state = STATE.get(connection);
        return state == null ? null : state.slot.connection();
    }

    private final String secret;
    private final OpenConnections open;
    private final long maxMessageSize;
    /** One listener for every read of every connection: nothing is allocated per frame. */
    private final FilterChainContext.CompletionListener readFinished;

    /**
     * @param secret the server's secret, which the configurator finds the server's runtime by
     * @param open   receives every upgraded connection until it closes
     * @param maxMessageSize the largest message a client may send, in payload bytes
     */
    GateFilter(String secret, OpenConnections open, long maxMessageSize) {
        this.secret = secret;
        this.open = open;
        this.maxMessageSize = maxMessageSize;
        this.readFinished = done -> {
            Current.exitRead();
            open.readFinished();
        };
    }

    /**
     * Fails an upgraded connection: the close frame with {@code code} goes out after what is
     * already queued, the transport closes, nothing more is read. Runs on the connection's
     * reading thread (the scanner's verdict, or the deflate codec inside Tyrus's read).
     */
    /** How long a refused connection stays open after its close frame, unless the client goes. */
    static final long REFUSAL_LINGER_MILLIS = 2_000;

    private static void refuse(State state, Connection<?> connection, int code) {
        state.phase = Phase.REFUSED;
        if (state.refused) {
            return;
        }
        state.refused = true;
        SwitchboardConnection c = state.slot.connection();
        if (c != null) { // the closed event reports the code sent here
            c.closeFrame(new jakarta.websocket.CloseReason(Frames.code(code), ""));
        }
        byte[] frame = {(byte) 0x88, 0x02, (byte) (code >> 8), (byte) code};
        AtomicBoolean done = new AtomicBoolean();
        Runnable closeFrameThenTcp = () -> {
            if (done.compareAndSet(false, true)) {
                state.slot.writeCloseFrame(() -> connection.write(
                        Buffers.wrap(connection.getMemoryManager(), frame)));
                // Not at once: a client still sending into a closed socket gets a reset, and a
                // reset makes its own system discard the close frame it has not read yet. Its
                // bytes are discarded here meanwhile (phase REFUSED); its own close ends it sooner.
                ObservingWriter.later(connection::closeSilently, REFUSAL_LINGER_MILLIS);
            }
        };
        Transport t = c == null ? null : c.transport();
        if (t == null) {
            closeFrameThenTcp.run();
            return;
        }
        // After what the endpoint answered to the frames before the bad one (Tyrus may still be
        // processing them on another thread), and nothing after it; within the close grace.
        TyrusFilter.afterTyrus(connection, () -> t.afterFlush(closeFrameThenTcp));
        ObservingWriter.later(closeFrameThenTcp, ObservingWriter.CLOSE_GRACE_SECONDS * 1000L);
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        Connection<?> connection = ctx.getConnection();
        State state = STATE.get(connection);
        if (state != null) {
            switch (state.phase) {
                case REFUSED:
                    return ctx.getStopAction(); // nothing more is read from a refused client
                case UPGRADED:
                    // Only what the HTTP codec still had of the handshake read gets here; later
                    // reads come through upgradedRead (UpgradedReads, in front of the codec).
                    if (ctx.getMessage() instanceof HttpContent content) {
                        scan(ctx, state, connection, content.getContent());
                    }
                    enterRead(ctx, state);
                    return ctx.getInvokeAction();
                default:
                    return ctx.getInvokeAction();
            }
        }
        if (!(ctx.getMessage() instanceof HttpContent content)
                || !(content.getHttpHeader() instanceof HttpRequestPacket request)
                || !isWebSocketUpgrade(request)) {
            return ctx.getInvokeAction();
        }
        State fresh = new State();
        STATE.set(connection, fresh);
        if (UpgradeValidator.hasControlCharacters(request.getRequestURI())
                || UpgradeValidator.hasControlCharacters(request.getQueryString())) {
            fresh.phase = Phase.REFUSED;
            writeRefusal(ctx, request, new UpgradeValidator.Refusal(400, "Bad Request", Map.of(),
                    "control characters in the request target"));
            return ctx.getStopAction();
        }
        // Browsers send characters such as | { } ^ unencoded; Tyrus parses the target with
        // java.net.URI, which refuses them. Encode them so that decoding gives the same text.
        request.setRequestURI(UriText.path(request.getRequestURI()));
        if (request.getQueryString() != null) {
            request.setQueryString(UriText.query(request.getQueryString()));
        }
        UpgradeValidator.Refusal refusal = UpgradeValidator.check(request);
        if (refusal != null) {
            fresh.phase = Phase.REFUSED;
            writeRefusal(ctx, request, refusal);
            return ctx.getStopAction();
        }
        if (open.isClosing()) {
            fresh.phase = Phase.REFUSED;
            writeRefusal(ctx, request, new UpgradeValidator.Refusal(503, "Service Unavailable",
                    Map.of("Retry-After", Integer.toString(open.retryAfterSeconds())),
                    "the server is shutting down"));
            return ctx.getStopAction();
        }
        fresh.slot.handover(new IoSlot.Handover(secret,
                capture(request, connection.getPeerAddress(), connection.getLocalAddress())));
        open.readStarted(); // @OnOpen runs inside the handshake read
        // The configurator puts the connection it accepts into the slot; endpoint creation and
        // @OnOpen, later in this read, find it there.
        Current.enterIo(fresh.slot);
        ctx.addCompletionListener(done -> {
            Current.exitIo(null);
            fresh.slot.takeHandover(); // not taken when no Switchboard configurator ran
            open.readFinished();
            SwitchboardConnection accepted = fresh.slot.connection();
            // Not the phase: Grizzly may run this listener after the connection's next read,
            // which can already have refused a frame (phase REFUSED after an upgrade).
            if (fresh.upgraded) {
                // Only now is Tyrus's connection attached to the Grizzly connection: Tyrus
                // writes the 101 and runs @OnOpen before it sets the attribute.
                open.attached();
                // The codec is done with this connection (later reads bypass it): let go of
                // its parsed request, ~8 KB per idle connection (DESIGN.md §5 "Idle memory").
                UpgradedReads.releaseRequest(connection);
            } else {
                if (fresh.phase == Phase.REFUSED) {
                    connection.closeSilently(); // after Tyrus's (rewritten) refusal is written
                }
                if (accepted != null) {
                    accepted.ended(); // accepted by the guards, but no upgrade followed
                }
            }
        });
        return ctx.getInvokeAction();
    }

    /** Whether the connection's handshake was answered with 101: its reads are WebSocket frames. */
    static boolean upgraded(Connection<?> connection) {
        State state = STATE.get(connection);
        return state != null && state.upgraded;
    }

    /**
     * A read of an upgraded connection, handed over by {@link UpgradedReads} before Grizzly's
     * HTTP codec sees it: the frame checks, then the read is counted and named as a read that
     * may run callbacks. False when nothing of it may reach Tyrus (the connection was refused).
     */
    boolean upgradedRead(FilterChainContext ctx, Buffer bytes) {
        Connection<?> connection = ctx.getConnection();
        State state = STATE.get(connection);
        if (state.phase == Phase.REFUSED) {
            return false; // nothing more is read from a refused client
        }
        scan(ctx, state, connection, bytes);
        enterRead(ctx, state);
        return true;
    }

    private static void scan(FilterChainContext ctx, State state, Connection<?> connection,
            Buffer bytes) {
        FrameScanner.Verdict verdict = state.scanner.scan(bytes);
        if (verdict != FrameScanner.Verdict.OK) {
            // Whole frames that broke no rule may come before it in this read:
            // Tyrus gets them (or nothing), and the connection is failed once they
            // are processed, its close frame behind their answers.
            bytes.limit(Math.max(bytes.position(), state.scanner.violationStart()));
            state.phase = Phase.REFUSED; // nothing after this read
            int code = verdict.closeCode;
            ctx.addCompletionListener(done -> refuse(state, connection, code));
        }
        SwitchboardConnection c = state.slot.connection();
        if (c != null) { // for the meters
            c.received(state.scanner.takeMessages(), state.scanner.takeMessageBytes());
        }
        for (int n = state.scanner.takePongs(); n > 0 && c != null; n--) {
            c.ponged();
        }
    }

    /**
     * Callbacks run inside this read: count it so that close() can wait for them, and name the
     * connection they run for (DESIGN.md §5 "Endpoint instances").
     */
    private void enterRead(FilterChainContext ctx, State state) {
        open.readStarted();
        Current.enterRead(state.slot);
        ctx.addCompletionListener(readFinished);
    }

    @Override
    public NextAction handleWrite(FilterChainContext ctx) throws IOException {
        if (ctx.getMessage() instanceof HttpContent content
                && content.getHttpHeader() instanceof HttpResponsePacket response
                && !response.isCommitted()) {
            Connection<?> connection = ctx.getConnection();
            State state = STATE.get(connection);
            if (state != null && state.phase == Phase.HANDSHAKE) {
                if (response.getStatus() == 101) {
                    SwitchboardConnection c = state.slot.connection();
                    state.scanner = c == null ? new FrameScanner(maxMessageSize)
                            : new FrameScanner(Math.min(maxMessageSize,
                                    c.options().maxPayloadLength()),
                                    c.options().maxMessagesPerSecond());
                    state.phase = Phase.UPGRADED;
                    state.upgraded = true;
                    state.slot.onRefusal(code -> refuse(state, connection, code));
                    // The listener's idle timeout is the handshake deadline; a WebSocket owns
                    // its own idle policy, so lift it for this connection.
                    IdleTimeoutFilter.setCustomTimeout(connection, -1, TimeUnit.SECONDS);
                    open.add(connection);
                } else {
                    state.phase = Phase.REFUSED;
                    cleanRefusal(response);
                }
            }
        }
        return ctx.getInvokeAction();
    }

    @Override
    public NextAction handleClose(FilterChainContext ctx) throws IOException {
        Connection<?> connection = ctx.getConnection();
        open.remove(connection);
        State state = STATE.get(connection);
        if (state != null && state.slot.connection() != null) {
            // Tyrus runs @OnClose (1006) later in this chain: name the connection for it, and
            // end the connection only once that has returned.
            // A close may be processed on another thread while a read still runs: keep this
            // event's entry to itself.
            SwitchboardConnection c = state.slot.connection();
            c.transportLost();
            IoSlot previous = Current.enterIo(state.slot);
            boolean entered = c.enter();
            ctx.addCompletionListener(done -> {
                Current.exitIo(previous);
                if (entered) {
                    c.exit();
                }
                c.ended();
            });
        }
        return ctx.getInvokeAction();
    }



    static boolean isWebSocketUpgrade(HttpRequestPacket request) {
        String upgrade = request.getHeader(Header.Upgrade);
        return upgrade != null && upgrade.trim().equalsIgnoreCase("websocket");
    }

    /**
     * The exact request for the configurator, handed over through the connection's I/O slot,
     * which this read makes current on its thread (Tyrus runs {@code modifyHandshake} inside it).
     * Removes the {@code x-switchboard-*} headers a client sent: they are Switchboard's names.
     */
    private static RawCapture capture(HttpRequestPacket request, Object peer, Object local) {
        MimeHeaders headers = request.getHeaders();
        List<String> forged = new ArrayList<>();
        List<Map.Entry<String, String>> lines = new ArrayList<>(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.getName(i).toString();
            if (name.toLowerCase(Locale.ROOT).startsWith("x-switchboard-")) {
                forged.add(name);
            } else {
                lines.add(Map.entry(name, headers.getValue(i).toString()));
            }
        }
        forged.forEach(headers::removeHeader);
        InetSocketAddress unknown = InetSocketAddress.createUnresolved("unknown", 0);
        return new RawCapture(lines, peer instanceof InetSocketAddress a ? a : unknown,
                local instanceof InetSocketAddress l ? l : unknown, request.isSecure());
    }

    /** Makes Tyrus's refusal a plain HTTP error (Tyrus keeps the upgrade headers, §4). */
    private static void cleanRefusal(HttpResponsePacket response) {
        MimeHeaders h = response.getHeaders();
        String lines = h.getHeader(RawCapture.RESPONSE_HEADERS);
        // Remove first, add after: removing a header may move others within MimeHeaders.
        h.removeHeader(RawCapture.RESPONSE_HEADERS);
        h.removeHeader("Upgrade");
        response.setUpgrade(null);
        h.removeHeader("Sec-WebSocket-Accept");
        h.removeHeader("Sec-WebSocket-Protocol");
        h.removeHeader("Sec-WebSocket-Extensions");
        h.removeHeader("Connection");
        if (lines != null) {
            RawCapture.decodeLines(lines).ifPresent(all -> all.forEach(
                    line -> h.addValue(line.getKey()).setString(line.getValue())));
        }
        String phrase = response.getReasonPhrase();
        if (phrase == null || phrase.isEmpty() || phrase.equals("Switching Protocols")
                || phrase.equals("CUSTOM")) {
            response.setReasonPhrase(HttpStatus.phrase(response.getStatus()));
        }
        response.setHeader(Header.Connection, "close");
        if (response.getContentLength() < 0) {
            response.setContentLength(0);
        }
    }

    private static void writeRefusal(FilterChainContext ctx, HttpRequestPacket request,
            UpgradeValidator.Refusal refusal) {
        HttpResponsePacket response = request.getResponse();
        response.setStatus(refusal.status());
        response.setReasonPhrase(refusal.phrase());
        refusal.headers().forEach(response::setHeader);
        response.setHeader(Header.Connection, "close");
        // setContentType() is not serialised for an upgrade request: set the header itself.
        response.getHeaders().setValue(Header.ContentType).setString("text/plain; charset=utf-8");
        byte[] body = (refusal.body() + "\n").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        Buffer buffer = Buffers.wrap(ctx.getMemoryManager(), body);
        ctx.write(HttpContent.builder(response).content(buffer).last(true).build());
        ctx.getConnection().closeSilently(); // runs after the queued write
    }
}
