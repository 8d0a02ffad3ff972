package io.github.switchboard;

/**
 * CDI event fired once a connection of a Switchboard endpoint is open, after the endpoint's
 * {@code @OnOpen}, with the connection's {@link ConnectionScoped} context active. Observe it with
 * {@code @Observes} (synchronously, on the connection's thread) or {@code @ObservesAsync}. An
 * observer that throws is logged and affects neither the connection nor other observers.
 *
 * @param connection the connection; never null
 */
public record ConnectionOpened(Connection connection) {
}
