package io.github.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile upgrade requests and frames that raw Tyrus gets wrong (DESIGN.md §4): each gets a
 * complete HTTP error (or close code), the connection is closed, and no endpoint instance exists.
 */
class UpgradeValidationTest extends ContextServer {

    @BeforeEach
    void reset() {
        ContextEndpoint.reset();
    }

    private static String refused(String request) throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.send(request);
            String head = client.readHead();
            client.readToEof();
            assertEquals("close", RawClient.headers(head).get("connection").get(0), head);
            assertTrue(!RawClient.headers(head).containsKey("upgrade"), head);
            assertEquals(0, ContextEndpoint.INSTANCES.get(), "endpoint instances");
            return head;
        }
    }

    private String request(String requestLine, String... replaceHeaders) {
        int port = server.port();
        String base = RawClient.upgrade("/ctx/a", port);
        String req = base.replace("GET /ctx/a HTTP/1.1", requestLine);
        for (int i = 0; i + 1 < replaceHeaders.length; i += 2) {
            req = req.replaceAll("(?m)^" + replaceHeaders[i] + ": [^\r]*\r\n", replaceHeaders[i + 1]);
        }
        return req;
    }

    @Test
    void postUpgradeIsRefusedWith405() throws Exception {
        String head = refused(request("POST /ctx/a HTTP/1.1"));
        assertTrue(head.startsWith("HTTP/1.1 405 Method Not Allowed\r\n"), head);
        assertEquals("GET", RawClient.headers(head).get("allow").get(0));
    }

    @Test
    void http10UpgradeIsRefusedWith400() throws Exception {
        String head = refused(request("GET /ctx/a HTTP/1.0"));
        assertTrue(head.contains(" 400 Bad Request\r\n"), head);
    }

    @Test
    void missingKeyIsRefusedWith400NotTyrus500() throws Exception {
        String head = refused(request("GET /ctx/a HTTP/1.1", "Sec-WebSocket-Key", ""));
        assertTrue(head.startsWith("HTTP/1.1 400 Bad Request\r\n"), head);
    }

    @Test
    void keyThatIsNotSixteenBytesOfBase64IsRefusedWith400() throws Exception {
        for (String key : new String[] {"short", "dGhlIHNhbXBsZSBub25jZQ", "!!!!!!!!!!!!!!!!!!!!!!==",
                "dGhlIHNhbXBsZSBub25jZXh4eA=="}) {
            String head = refused(request("GET /ctx/a HTTP/1.1", "Sec-WebSocket-Key",
                    "Sec-WebSocket-Key: " + key + "\r\n"));
            assertTrue(head.startsWith("HTTP/1.1 400 Bad Request\r\n"), key + ": " + head);
        }
    }

    @Test
    void twoKeysAreRefusedWith400() throws Exception {
        String req = request("GET /ctx/a HTTP/1.1").replace("\r\n\r\n",
                "\r\nSec-WebSocket-Key: " + RawClient.key() + "\r\n\r\n");
        assertTrue(refused(req).startsWith("HTTP/1.1 400 "));
    }

    @Test
    void wrongVersionIsRefusedWith426AndTheSupportedVersion() throws Exception {
        String head = refused(request("GET /ctx/a HTTP/1.1", "Sec-WebSocket-Version",
                "Sec-WebSocket-Version: 8\r\n"));
        assertTrue(head.startsWith("HTTP/1.1 426 Upgrade Required\r\n"), head);
        assertEquals("13", RawClient.headers(head).get("sec-websocket-version").get(0));
    }

    @Test
    void connectionHeaderWithoutUpgradeIsRefusedWith400() throws Exception {
        String head = refused(request("GET /ctx/a HTTP/1.1", "Connection",
                "Connection: keep-alive\r\n"));
        assertTrue(head.startsWith("HTTP/1.1 400 "), head);
    }

    @Test
    void aTargetThatIsNotAPathIsRefusedWith400() throws Exception {
        for (String target : new String[] {"mailto:x", "*", "x/ctx/a", "//ctx/a", "//?a"}) {
            String head = refused(request("GET " + target + " HTTP/1.1"));
            assertTrue(head.startsWith("HTTP/1.1 400 "), target + ": " + head);
        }
    }

    @Test
    void controlCharactersInTheTargetAreRefusedWith400() throws Exception {
        for (String target : new String[] {"/ctx/a\u0001b", "/ctx/a?q=\u007f", "/ctx/a\u0000"}) {
            String head = refused(request("GET " + target + " HTTP/1.1"));
            assertTrue(head.startsWith("HTTP/1.1 400 "), head);
        }
    }

    @Test
    void moreThanOneHundredHeadersAreRefusedWith400() throws Exception {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        String req = request("GET /ctx/a HTTP/1.1").replace("\r\n\r\n", "\r\n" + many + "\r\n");
        assertTrue(refused(req).startsWith("HTTP/1.1 400 "));
    }

    @Test
    void requestHeadOverEightKibIsRefusedWith400() throws Exception {
        String req = request("GET /ctx/a HTTP/1.1").replace("\r\n\r\n",
                "\r\nCookie: big=" + "x".repeat(9000) + "\r\n\r\n");
        assertTrue(refused(req).startsWith("HTTP/1.1 400 "));
    }

    @Test
    void unmaskedClientFrameClosesWith1002() throws Exception {
        try (RawClient client = RawClient.greeted(server.port(), "/ctx/a", RawClient.TIMEOUT_MS)) {
            client.send(RawClient.unmaskedFrame(0x1, "abc".getBytes(StandardCharsets.UTF_8)));
            RawClient.Frame close = client.readFrame();
            assertEquals(0x8, close.opcode());
            assertEquals(1002, close.closeCode());
            client.readToEof();
        }
        assertEquals(0, ContextEndpoint.MESSAGES.get(), "the unmasked message was not delivered");
    }

    /** Opens a WebSocket on a server whose message limit is 64 KiB. */
    private static RawClient openOnSmallServer(EmbeddedServer small) throws Exception {
        return RawClient.greeted(small.port(), "/ctx/a", RawClient.TIMEOUT_MS);
    }

    private static EmbeddedServer smallServer() {
        return EmbeddedServer.builder().port(0).endpoints(ContextEndpoint.class)
                .maxMessageSize(64 * 1024).start();
    }

    private static void assertClosedWith(RawClient client, int code) throws Exception {
        RawClient.Frame close = client.readFrame();
        assertEquals(0x8, close.opcode());
        assertEquals(code, close.closeCode());
        client.readToEof();
    }

    @Test
    void aFragmentedMessageOverTheLimitClosesWith1009BeforeItIsAssembled() throws Exception {
        try (EmbeddedServer small = smallServer(); RawClient client = openOnSmallServer(small)) {
            byte[] chunk = "z".repeat(8 * 1024).getBytes(StandardCharsets.UTF_8);
            // 9 fragments of 8 KiB: the ninth crosses 64 KiB; each frame alone is small.
            client.send(RawClient.fragment(0x1, chunk, false));
            for (int i = 1; i < 9; i++) {
                client.send(RawClient.fragment(0x0, chunk, false));
            }
            assertClosedWith(client, 1009);
        }
        assertEquals(0, ContextEndpoint.MESSAGES.get(), "the oversized message was not delivered");
    }

    @Test
    void aSingleFrameOverTheLimitClosesWith1009() throws Exception {
        try (EmbeddedServer small = smallServer(); RawClient client = openOnSmallServer(small)) {
            client.send(RawClient.maskedFrame(0x2, new byte[64 * 1024 + 1]));
            assertClosedWith(client, 1009);
        }
    }

    @Test
    void aFrameLengthWithTheHighBitSetClosesWith1009() throws Exception {
        try (EmbeddedServer small = smallServer(); RawClient client = openOnSmallServer(small)) {
            client.send(new byte[] {(byte) 0x82, (byte) 0xFF, (byte) 0x80, 0, 0, 0, 0, 0, 0, 1,
                1, 2, 3, 4});
            assertClosedWith(client, 1009);
        }
    }

    @Test
    void aMessageOfExactlyTheLimitInFragmentsIsDelivered() throws Exception {
        try (EmbeddedServer small = smallServer(); RawClient client = openOnSmallServer(small)) {
            byte[] chunk = "k".repeat(8 * 1024).getBytes(StandardCharsets.UTF_8);
            client.send(RawClient.fragment(0x1, chunk, false));
            for (int i = 1; i < 8; i++) {
                client.send(RawClient.fragment(0x0, chunk, i == 7));
            }
            assertEquals("k".repeat(64 * 1024), client.readFrame().text());
        }
    }

    @Test
    void maskedFramesSplitAcrossWritesAreDelivered() throws Exception {
        try (RawClient client = RawClient.greeted(server.port(), "/ctx/a", RawClient.TIMEOUT_MS)) {
            byte[] payload = "x".repeat(300).getBytes(StandardCharsets.UTF_8);
            byte[] frame = RawClient.maskedFrame(0x1, payload);
            client.send(Arrays.copyOfRange(frame, 0, 3));
            client.send(Arrays.copyOfRange(frame, 3, 150));
            client.send(Arrays.copyOfRange(frame, 150, frame.length));
            byte[] second = RawClient.maskedFrame(0x1, "y".getBytes(StandardCharsets.UTF_8));
            client.send(second);
            assertEquals("x".repeat(300), client.readFrame().text());
            assertEquals("y", client.readFrame().text());
        }
    }
}
