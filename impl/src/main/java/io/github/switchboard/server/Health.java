package io.github.switchboard.server;

import java.util.Objects;

/**
 * A snapshot of Switchboard's health, for liveness and readiness probes: {@code live} while the
 * server runs (false once it has stopped), {@code ready} while it also accepts new connections
 * (false from the start of a drain or close) and its configured topic bus, if any, is connected
 * (while the bus is down the server still takes connections, but their publishes stay on this
 * node). An HTTP handler answers a probe with
 * {@link #livenessStatus()} or {@link #readinessStatus()} and the body {@link #toJson()}; the
 * MicroProfile Health checks report the same (see the operations guide).
 *
 * <p>Immutable and thread-safe.
 *
 * @param live            whether the server runs
 * @param ready           whether it accepts new connections and its bus, if any, is connected
 * @param openConnections the WebSocket connections open when the snapshot was taken
 * @param detail          why it is not ready ({@code "draining"}, {@code "closing"},
 *                        {@code "stopped"}, {@code "bus-down"}), or {@code "ok"}; never null
 */
public record Health(boolean live, boolean ready, int openConnections, String detail) {

    public Health {
        Objects.requireNonNull(detail, "detail");
        if (ready && !live) {
            throw new IllegalArgumentException("a server that is not live cannot be ready");
        }
    }

    /** The HTTP status a liveness probe answers: 200 when live, else 503. */
    public int livenessStatus() {
        return live ? 200 : 503;
    }

    /** The HTTP status a readiness probe answers: 200 when ready, else 503. */
    public int readinessStatus() {
        return ready ? 200 : 503;
    }

    /**
     * The snapshot as a MicroProfile-Health-shaped JSON object: {@code {"status":"UP",
     * "checks":[{"name":"switchboard","status":"UP","data":{...}}]}}, where {@code status} is
     * readiness. {@code detail} is one of a fixed set of words, so nothing needs escaping.
     */
    public String toJson() {
        String status = ready ? "UP" : "DOWN";
        return "{\"status\":\"" + status + "\",\"checks\":[{\"name\":\"switchboard\",\"status\":\""
                + status + "\",\"data\":{\"live\":" + live + ",\"ready\":" + ready
                + ",\"openConnections\":" + openConnections + ",\"detail\":\"" + detail
                + "\"}}]}";
    }
}
