package io.github.switchboard.internal.embedded;

import java.io.IOException;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpServerFilter;

/**
 * Stands just in front of Grizzly's HTTP codec and takes every read of a connection whose
 * handshake was answered with 101: the gate's frame checks ({@link GateFilter#upgradedRead}),
 * then Tyrus ({@link TyrusFilter#upgradedRead}), then the chain stops. Reads before the 101
 * (the handshake itself, and anything of a connection that never upgrades) pass untouched.
 *
 * <p>Why: the codec treats every byte after an upgrade as content of the upgrade request, so it
 * keeps that parsed request (its header and response objects, ~35 {@code DataChunk}s, the
 * request's bytes: ~8 KB measured) attached to the connection for as long as it lives, and wraps
 * each read in an {@code HttpContent}. Tyrus's own Grizzly filter does the same, so raw Tyrus
 * holds it too. Once no read goes through the codec any more, the request is let go
 * ({@link #releaseRequest}), and the codec's close handling finds none, as after any request it
 * completed.
 *
 * <p>Stateless; one instance serves every connection.
 */
final class UpgradedReads extends BaseFilter {

    /**
     * The codec's "request in process" attribute: Grizzly's attribute builder returns the one
     * attribute registered under this public name, the codec's own.
     */
    private static final Attribute<Object> REQUEST_IN_PROCESS = Grizzly.DEFAULT_ATTRIBUTE_BUILDER
            .createAttribute(HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME);

    private final GateFilter gate;

    UpgradedReads(GateFilter gate) {
        this.gate = gate;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        Connection<?> connection = ctx.getConnection();
        if (!GateFilter.upgraded(connection) || !(ctx.getMessage() instanceof Buffer bytes)) {
            return ctx.getInvokeAction();
        }
        if (gate.upgradedRead(ctx, bytes)) {
            TyrusFilter.upgradedRead(connection, bytes);
        }
        return ctx.getStopAction();
    }

    /**
     * After the handshake read has left the codec: the codec's parsed upgrade request is no
     * longer needed (every later read bypasses the codec), so the connection stops holding it.
     */
    static void releaseRequest(Connection<?> connection) {
        REQUEST_IN_PROCESS.remove(connection);
    }

    /** Whether the codec still holds a request of {@code connection}. */
    static boolean holdsRequest(Connection<?> connection) {
        return REQUEST_IN_PROCESS.get(connection) != null;
    }
}
