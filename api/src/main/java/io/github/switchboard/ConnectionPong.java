package io.github.switchboard;

/**
 * CDI event fired when a pong arrives from the client (Bun's {@code pong} handler), for example
 * the answer to a keep-alive ping ({@link WebSocketOptions#sendPings}), with the connection's
 * {@link ConnectionScoped} context active. An endpoint can also receive the pong's payload with
 * the standard {@code @OnMessage} method taking a {@code PongMessage}. Fired by the embedded
 * server; an observer that throws is logged and affects nothing else.
 *
 * @param connection the connection; never null
 */
public record ConnectionPong(Connection connection) {
}
