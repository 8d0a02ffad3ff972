package io.github.switchboard;

/**
 * CDI event fired when a connection's outbound buffer has emptied after backpressure (a send or
 * publish to it was queued or dropped): Bun's {@code drain}. A producer that paused for this
 * connection may resume. Fired on the thread that completed the write, with the connection's
 * {@link ConnectionScoped} context active; an observer that throws is logged and affects
 * nothing else.
 *
 * @param connection the connection; never null
 */
public record ConnectionDrained(Connection connection) {
}
