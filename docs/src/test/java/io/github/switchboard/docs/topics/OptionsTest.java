package io.github.switchboard.docs.topics;

import static io.github.switchboard.testkit.SwitchboardAssertions.assertRejectedWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.server.EmbeddedServer;
import io.github.switchboard.testkit.Rejection;
import io.github.switchboard.testkit.TestClient;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The application-wide settings of the options table, each crossed: they are read when the
 * server starts, so each test starts its own.
 */
class OptionsTest {

    @AfterEach
    void clearSettings() {
        System.clearProperty("switchboard.max-connections");
        System.clearProperty("switchboard.max-connections-per-address");
        System.clearProperty("switchboard.max-subscriptions");
        System.clearProperty("switchboard.publish-to-self");
    }

    private static EmbeddedServer start() {
        return EmbeddedServer.builder().port(0).endpoints(ChatRoom.class, Watchlist.class).start();
    }

    private static TestClient join(EmbeddedServer server, String name) {
        TestClient client = TestClient.builder(server.uri("/chat/limits?name=" + name)).connect();
        assertTrue(client.awaitText().startsWith("welcome, " + name), name);
        return client;
    }

    @Test
    void pastTheConnectionsOfOneAddressTheUpgradeIsRefusedWith429() {
        System.setProperty("switchboard.max-connections-per-address", "2");
        try (EmbeddedServer server = start(); TestClient ada = join(server, "ada");
                TestClient bob = join(server, "bob")) {
            Rejection refused = assertRejectedWith(
                    TestClient.builder(server.uri("/chat/limits?name=cy")), 429);
            assertEquals(Optional.of("5"), refused.header("Retry-After"));
        }
    }

    @Test
    void pastTheConnectionsOfTheApplicationTheUpgradeIsRefusedWith503() {
        System.setProperty("switchboard.max-connections", "1");
        try (EmbeddedServer server = start(); TestClient ada = join(server, "ada")) {
            Rejection refused = assertRejectedWith(
                    TestClient.builder(server.uri("/quotes")), 503);   // all endpoints count
            assertEquals(Optional.of("5"), refused.header("Retry-After"));
        }
    }

    @Test
    void theAnnotationWinsOverTheSetting() {
        System.setProperty("switchboard.max-subscriptions", "1");
        try (EmbeddedServer server = start();
                TestClient quotes = TestClient.builder(server.uri("/quotes")).connect()) {
            for (int i = 0; i < 20; i++) {   // Watchlist declares maxSubscriptions = 20
                quotes.send("watch S" + (char) ('A' + i));
                assertEquals("watching S" + (char) ('A' + i), quotes.awaitText());
            }
        }
    }

    @Test
    void theSettingAppliesWhereTheAnnotationSaysNothing() {
        System.setProperty("switchboard.publish-to-self", "true");
        try (EmbeddedServer server = start(); TestClient ada = TestClient.builder(
                server.uri("/chat/limits?name=ada")).connect()) {
            // ChatRoom announces the join, then greets: with the setting, its own join first.
            assertEquals("ada joined; 1 here", ada.awaitText(), "its own join, too");
            assertEquals("welcome, ada; 1 here", ada.awaitText());
            ada.send("echo?");
            assertEquals("ada: echo?", ada.awaitText(), "ChatRoom's own publish came back");
        }
    }

    @Test
    void aMalformedSettingFailsTheStartNamingIt() {
        System.setProperty("switchboard.max-connections", "many");
        RuntimeException e = assertThrows(RuntimeException.class, OptionsTest::start);
        assertTrue(e.getMessage().startsWith("SWB-2006 setting switchboard.max-connections "),
                e.getMessage());
    }

    @Test
    void noExtensionIsNegotiated() throws Exception {
        try (EmbeddedServer server = start(); PausedReader client = new PausedReader(
                server.port(), "/quotes", "Sec-WebSocket-Extensions: permessage-deflate")) {
            assertFalse(client.head().toLowerCase(Locale.ROOT).contains("sec-websocket-extensions"),
                    client.head());
        }
    }
}
