package io.github.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.switchboard.AllowedOrigins;
import io.github.switchboard.server.EmbeddedServer;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Server-wide allow-lists, per-endpoint overrides and explicit allow-all. */
class OriginsTest {

    @ServerEndpoint(value = "/listed", configurator = SwitchboardConfigurator.class)
    public static class Listed {
        @OnMessage
        public String echo(String m) {
            return m;
        }
    }

    @AllowedOrigins({"https://admin.example:8443"})
    @ServerEndpoint(value = "/own", configurator = SwitchboardConfigurator.class)
    public static class OwnList {
        @OnMessage
        public String echo(String m) {
            return m;
        }
    }

    @AllowedOrigins("*")
    @ServerEndpoint(value = "/any", configurator = SwitchboardConfigurator.class)
    public static class AnyOrigin {
        @OnMessage
        public String echo(String m) {
            return m;
        }
    }

    @AllowedOrigins({})
    @ServerEndpoint(value = "/same", configurator = SwitchboardConfigurator.class)
    public static class DeclaredSameOrigin {
        @OnMessage
        public String echo(String m) {
            return m;
        }
    }

    private static EmbeddedServer server;

    @BeforeAll
    static void start() {
        server = EmbeddedServer.builder().port(0)
                .endpoints(Listed.class, OwnList.class, AnyOrigin.class, DeclaredSameOrigin.class)
                .allowedOrigins("https://app.example", "http://localhost:3000")
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static int status(String path, String origin) throws Exception {
        return status(path, origin, "127.0.0.1:" + server.port());
    }

    private static int status(String path, String origin, String host) throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.send(RawClient.upgrade(path, server.port(), "Origin: " + origin)
                    .replace("Host: 127.0.0.1:" + server.port(), "Host: " + host));
            String head = c.readHead();
            return Integer.parseInt(head.substring(9, 12));
        }
    }

    @Test
    void theServerWideListAcceptsExactOriginsOnly() throws Exception {
        assertEquals(101, status("/listed", "https://app.example"));
        assertEquals(101, status("/listed", "HTTPS://APP.EXAMPLE:443"));
        assertEquals(101, status("/listed", "http://localhost:3000"));
        assertEquals(403, status("/listed", "https://app.example.evil.com"));
        assertEquals(403, status("/listed", "https://evil-app.example"));
        assertEquals(403, status("/listed", "http://app.example"));
        assertEquals(403, status("/listed", "http://localhost:3001"));
        assertEquals(403, status("/listed", "null"));
        assertEquals(403, status("/listed", "http://127.0.0.1:" + server.port()),
                "an explicit list replaces same-origin");
    }

    @Test
    void anEndpointListReplacesTheServerList() throws Exception {
        assertEquals(101, status("/own", "https://admin.example:8443"));
        assertEquals(403, status("/own", "https://app.example"));
    }

    @Test
    void anEndpointDeclaringSameOriginStillRefusesDnsRebinding() throws Exception {
        String rebound = "rebind.attacker.example:" + server.port();
        assertEquals(403, status("/same", "http://" + rebound, rebound));
        assertEquals(101, status("/same", "http://127.0.0.1:" + server.port()));
        assertEquals(101, status("/same", "http://localhost:" + server.port(),
                "localhost:" + server.port()));
    }

    @Test
    void allowAllAcceptsAnySingleOriginButNeverAJoinedOne() throws Exception {
        assertEquals(101, status("/any", "https://whoever.example"));
        assertEquals(101, status("/any", "null"));
        assertEquals(403, status("/any", "https://a.example, https://b.example"));
    }
}
