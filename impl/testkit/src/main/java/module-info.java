/**
 * Switchboard's test kit: a JUnit Jupiter extension that runs the embedded server for a test
 * class, a WebSocket client on the JDK's {@code java.net.http} and assertions. Only
 * {@code io.github.switchboard.testkit} is exported.
 */
module io.github.switchboard.testkit {
    requires transitive io.github.switchboard.impl;
    requires transitive org.junit.jupiter.api;
    requires transitive java.net.http;

    // Never referenced by the kit's code, but io.github.switchboard.impl reads the embedded
    // runtime only `requires static`: naming it here resolves it when tests run on the module
    // path, where nothing else would.
    requires org.glassfish.tyrus.container.grizzly.server;
    requires weld.se.core;

    exports io.github.switchboard.testkit;
}
