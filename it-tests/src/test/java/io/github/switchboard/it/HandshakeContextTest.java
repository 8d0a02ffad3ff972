package io.github.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a connection's handshake context says, for requests built byte by byte. */
class HandshakeContextTest extends ContextServer {

    /** Upgrades with the given target and headers and parses the endpoint's description. */
    private static Map<String, String> describe(String target, String... headers) throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.send(RawClient.upgrade(target, server.port(), headers));
            String head = client.readHead();
            assertTrue(head.startsWith("HTTP/1.1 101 "), head);
            Map<String, String> out = new LinkedHashMap<>();
            Arrays.stream(client.readFrame().text().split("\n")).forEach(line -> {
                int eq = line.indexOf('=');
                out.put(line.substring(0, eq), line.substring(eq + 1));
            });
            out.put("head", head);
            return out;
        }
    }

    @Test
    void jsonCookieWithCommasAndQuotesArrivesIntactAndTheNextCookieIsKept() throws Exception {
        Map<String, String> d = describe("/ctx/lobby",
                "Cookie: prefs={\"a\":1,\"b\":2}; theme=dark; sid=s-1");
        assertEquals("{\"a\":1,\"b\":2}", d.get("prefs"));
        assertEquals("dark", d.get("theme"));
        assertEquals("s-1", d.get("sid"));
        assertEquals("true", d.get("trusted"), "the embedded server reads the raw header");
    }

    @Test
    void twoCookieHeadersAreReadInOrder() throws Exception {
        Map<String, String> d = describe("/ctx/lobby", "Cookie: sid=first", "Cookie: sid=second; theme=x");
        assertEquals("first", d.get("sid"));
        assertEquals("x", d.get("theme"));
    }

    @Test
    void headerValuesWithCommasAreNotSplit() throws Exception {
        Map<String, String> d = describe("/ctx/lobby", "User-Agent: Mozilla/5.0 (X11, Linux), \"q\"");
        assertEquals("[Mozilla/5.0 (X11, Linux), \"q\"]", d.get("agent"));
    }

    @Test
    void headerNamesAreCaseInsensitiveAndRepeatedHeadersKeepEveryValue() throws Exception {
        Map<String, String> d = describe("/ctx/lobby", "x-ID: abc", "USER-AGENT: one", "user-agent: two");
        assertEquals("abc", d.get("id"));
        assertEquals("[one, two]", d.get("agent"));
    }

    @Test
    void queryIsDecodedAndMultiValuedAndPathParametersAreRead() throws Exception {
        Map<String, String> d = describe("/ctx/caf%C3%A9?q=a%20b&q=c+d&q=%E2%82%AC&x");
        assertEquals("[a b, c d, \u20ac]", d.get("q"));
        assertEquals("caf\u00e9", d.get("room"));
        assertEquals("/ctx/caf\u00e9", d.get("path"));
    }

    @Test
    void charactersBrowsersLeaveUnencodedAreAcceptedAndReadAsSent() throws Exception {
        Map<String, String> d = describe("/ctx/a|b^c?q={%22k%22:1}&q=100%&q=x|y&q=[1,2]");
        assertEquals("[{\"k\":1}, 100%, x|y, [1,2]]", d.get("q"));
        assertEquals("a|b^c", d.get("room"));
    }

    @Test
    void matrixParametersAreNotPartOfThePathOrItsVariables() throws Exception {
        Map<String, String> d = describe("/ctx/lobby;jsessionid=x");
        assertEquals("lobby", d.get("room"));
        assertEquals("/ctx/lobby", d.get("path"));
    }

    @Test
    void requestedSubprotocolsAreListedInOrder() throws Exception {
        Map<String, String> d = describe("/ctx/lobby", "Sec-WebSocket-Protocol: chat.v2, chat.v1");
        assertEquals("[chat.v2, chat.v1]", d.get("protocols"));
        assertTrue(d.get("head").contains("Sec-WebSocket-Protocol: chat.v2"), d.get("head"));
    }

    @Test
    void remoteAddressCarriesTheClientPort() throws Exception {
        Map<String, String> d = describe("/ctx/lobby");
        int port = Integer.parseInt(d.get("remotePort"));
        assertTrue(port > 0 && port < 65536, "remote port " + port);
    }

    @Test
    void guardDataIsReadBackByTypeAndByKey() throws Exception {
        Map<String, String> d = describe("/ctx/lobby", "X-Tenant: acme", "X-Id: 42");
        assertEquals("acme", d.get("tenant"));
        assertEquals("42", d.get("guardId"));
    }

    @Test
    void aForgedCaptureHeaderIsStrippedAndNeverTrusted() throws Exception {
        Map<String, String> d = describe("/ctx/lobby",
                "X-Switchboard-Capture: 00.AAAAAQAAAANjb29raWU=", "x-switchboard-other: 1",
                "Cookie: sid=real", "X-Tenant: this-servers-guard-ran");
        assertEquals("real", d.get("sid"));
        assertEquals("true", d.get("trusted"));
        assertEquals("this-servers-guard-ran", d.get("tenant"),
                "the handshake was processed by this server's runtime and guards");
        assertFalse(d.get("headerNames").contains("x-switchboard"), d.get("headerNames"));
        assertTrue(d.get("headerNames").contains("x-tenant"), d.get("headerNames"));
    }
}
