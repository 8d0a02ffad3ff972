/**
 * The entry points an application names: the {@link io.github.switchboard.server.SwitchboardConfigurator}
 * for its endpoints and the {@link io.github.switchboard.server.EmbeddedServer} that runs them
 * without an application server. Null-ness as in {@code io.github.switchboard}: no parameter
 * accepts null, no method returns null.
 */
package io.github.switchboard.server;
