package io.github.switchboard;

import jakarta.websocket.CloseReason;

/**
 * CDI event fired once per connection when it has ended and its last callback has returned, just
 * before its {@link ConnectionScoped} beans and its endpoint instance are destroyed (their context
 * is still active for synchronous observers). An observer that throws is logged and affects
 * neither the connection's clean-up nor other observers.
 *
 * @param connection the connection; never null, {@link Connection#isOpen()} false
 * @param reason     the close code and reason: the one sent or received, or 1006 (closed
 *                   abnormally) when the connection ended without a close frame; never null
 */
public record ConnectionClosed(Connection connection, CloseReason reason) {
}
