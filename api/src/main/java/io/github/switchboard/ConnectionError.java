package io.github.switchboard;

/**
 * CDI event fired when a connection's callback fails or the container reports an error on it
 * (what {@code @OnError} receives). Observers run before the endpoint's {@code @OnError}; one that
 * throws is logged and affects neither the connection nor other observers.
 *
 * @param connection the connection; never null
 * @param error      the failure; never null
 */
public record ConnectionError(Connection connection, Throwable error) {
}
