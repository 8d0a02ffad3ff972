/**
 * Undertow (WildFly): what Switchboard reads from it, reflectively, to bind a connection's
 * session and to learn when the container is done with an endpoint. Loaded only where the
 * application's {@code ServerContainer} is Undertow's. Not exported.
 */
package io.github.switchboard.internal.undertow;
