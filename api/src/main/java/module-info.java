/**
 * Switchboard's application-facing API: the handshake context, typed keys and handshake guards.
 * Only types live here; the mechanism is in {@code io.github.switchboard.impl}.
 */
module io.github.switchboard.api {
    requires transitive jakarta.websocket;
    requires static jakarta.cdi;
    requires static jakarta.inject;

    exports io.github.switchboard;
}
