package io.github.switchboard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.Handshake;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandshakeSnapshotTest {

    private static Handshake fromContainer(String uri, Map<String, List<String>> headers,
            boolean splitsCommas) throws Exception {
        return SnapshotFactory.create(new SnapshotFactory.Request(URI.create(uri), null, headers,
                null, null, splitsCommas, null, false), "/chat/{room}");
    }

    private static Handshake fromCapture(String uri, List<Map.Entry<String, String>> lines)
            throws Exception {
        RawCapture capture = new RawCapture(lines, new InetSocketAddress("127.0.0.1", 40000),
                new InetSocketAddress("127.0.0.1", 8080), true);
        return SnapshotFactory.create(new SnapshotFactory.Request(URI.create(uri), null, Map.of(),
                null, capture, true, null, false), "/chat/{room}");
    }

    @Test
    void headerNamesAreLowerCasedAndMergedAcrossCases() throws Exception {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("X-Tenant", List.of("a"));
        h.put("x-tenant", List.of("b"));
        Handshake hs = fromContainer("/chat/x", h, false);
        assertEquals(List.of("a", "b"), hs.headers("X-TENANT"));
        assertEquals(Optional.of("a"), hs.header("x-Tenant"));
        assertTrue(hs.headerNames().contains("x-tenant"));
        assertThrows(UnsupportedOperationException.class, () -> hs.headers().clear());
        assertThrows(UnsupportedOperationException.class, () -> hs.headers("x-tenant").add("c"));
    }

    @Test
    void aCookieHeaderSplitByTheContainerIsNotTrusted() throws Exception {
        // What plain Tyrus hands over for: Cookie: prefs={"a":1,"b":2}; theme=dark
        Handshake split = fromContainer("/chat/x",
                Map.of("Cookie", List.of("prefs={\"a\":1", "\"b\"")), true);
        assertFalse(split.cookiesTrusted());
        Handshake whole = fromContainer("/chat/x", Map.of("Cookie", List.of("sid=1; t=2")), true);
        assertTrue(whole.cookiesTrusted());
        Handshake noSplitContainer = fromContainer("/chat/x",
                Map.of("Cookie", List.of("a=1", "b=2")), false);
        assertTrue(noSplitContainer.cookiesTrusted());
    }

    @Test
    void theExactCaptureIsUsedAndTrusted() throws Exception {
        Handshake hs = fromCapture("/chat/lobby?x=1", List.of(
                Map.entry("Cookie", "prefs={\"a\":1,\"b\":2}; theme=dark"),
                Map.entry("X-Switchboard-Capture", "never visible")));
        assertTrue(hs.cookiesTrusted());
        assertEquals(Optional.of("{\"a\":1,\"b\":2}"), hs.cookie("prefs"));
        assertEquals(Optional.of("dark"), hs.cookie("theme"));
        assertFalse(hs.headerNames().contains("x-switchboard-capture"));
        assertEquals(40000, hs.remoteAddress().orElseThrow().getPort());
        assertTrue(hs.secure());
    }

    @Test
    void pathQueryAndSubprotocolsAreDecoded() throws Exception {
        Handshake hs = fromContainer("ws://h/chat/a%2Bb+c?q=1&q=%20&r",
                Map.of("Sec-WebSocket-Protocol", List.of("v2, v1", "v0")), false);
        assertEquals("a+b+c", hs.pathParameter("room").orElseThrow());
        assertEquals(List.of("1", " "), hs.queryParameters("q"));
        assertEquals(Optional.of(""), hs.queryParameter("r"));
        assertEquals(List.of("v2", "v1", "v0"), hs.subprotocols());
        assertEquals("/chat/a+b+c", hs.path());
    }

    @Test
    void tooManyHeaderLinesCookiesOrParametersAreRefused() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= SnapshotFactory.MAX_HEADERS; i++) {
            many.add("v" + i);
        }
        assertThrows(SnapshotFactory.BadRequest.class,
                () -> fromContainer("/chat/x", Map.of("X-A", many), false));
        String cookies = "c=1;".repeat(CookieParser.MAX_COOKIES + 1);
        assertThrows(SnapshotFactory.BadRequest.class,
                () -> fromContainer("/chat/x", Map.of("Cookie", List.of(cookies)), false));
        String query = "a=1&".repeat(QueryParser.MAX_PARAMETERS + 1);
        assertThrows(SnapshotFactory.BadRequest.class,
                () -> fromContainer("/chat/x?" + query, Map.of(), false));
    }

    @Test
    void queriesBrowsersSendUnencodedAreKeptNotRefused() throws Exception {
        // Found by SnapshotFuzzTest: URI.create threw IllegalArgumentException (a 500). Browsers
        // leave { } | ^ [ ] and a bare % unencoded; the query must still read as sent.
        Map<String, String> cases = Map.of(
                "f={%22k%22:1}", "{\"k\":1}",
                "f=100%", "100%",
                "f=a|b^c", "a|b^c",
                "f=]]]] x", "]]]] x",
                "f=E%]", "E%]");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Handshake h = SnapshotFactory.create(new SnapshotFactory.Request(URI.create("/chat/x"),
                    c.getKey(), Map.of(), null, null, false, null, false), "/chat/{room}");
            assertEquals(Optional.of(c.getValue()), h.queryParameter("f"), c.getKey());
            assertEquals("/chat/x", h.requestUri().getPath());
            assertEquals(Optional.of(c.getValue()),
                    QueryParser.parse(h.requestUri().getRawQuery()).parameters().get("f").stream()
                            .findFirst(), "the URI's query decodes to the same text: " + c.getKey());
        }
    }

    @Test
    void aSingleCookieValueStartingWithAQuoteIsNotTrustedOnASplittingContainer() throws Exception {
        // Tyrus turns `"x=1"; sid=victim; csrf=abc` into the one value `"x=1"`.
        Handshake h = fromContainer("/chat/x", Map.of("Cookie", List.of("\"x=1\"")), true);
        assertFalse(h.cookiesTrusted());
    }

    @Test
    void pathVariablesAreReadAfterAServletContextPath() throws Exception {
        // GlassFish: the request path is /app/chat/lobby, the endpoint's template /chat/{room}.
        Handshake hs = fromContainer("/app/chat/lobby", Map.of(), false);
        assertEquals("lobby", hs.pathParameter("room").orElseThrow());
        assertEquals("/app/chat/lobby", hs.path());
        assertEquals("a b", fromContainer("/shop/v1/chat/a%20b", Map.of(), false)
                .pathParameter("room").orElseThrow());
        assertTrue(fromContainer("/chat", Map.of(), false).pathParameters().isEmpty(),
                "a path shorter than the template has no values");
    }

    @Test
    void matrixParametersAreCutFromPathVariablesAsTyrusDoesWhenItMatches() throws Exception {
        // Tyrus matches /chat/admin;x=1 to {room} = admin: the guard must see the same.
        assertEquals("admin", fromContainer("/chat/admin;x=1", Map.of(), false)
                .pathParameter("room").orElseThrow());
        assertEquals("/chat/admin", fromContainer("/chat/admin;x=1", Map.of(), false).path());
        assertEquals("", fromContainer("/chat/;admin", Map.of(), false)
                .pathParameter("room").orElseThrow());
        assertEquals("a;b", fromContainer("/chat/a%3Bb", Map.of(), false)
                .pathParameter("room").orElseThrow(), "an escaped ; is part of the value");
    }

    @Test
    void refusalHeaderLinesSurviveTheirEncoding() {
        List<Map.Entry<String, String>> lines = List.of(Map.entry("Set-Cookie", "a=1; Expires=Wed, 21 Oct 2015"),
                Map.entry("Set-Cookie", "b=2"), Map.entry("WWW-Authenticate", "Bearer"));
        assertEquals(lines, RawCapture.decodeLines(RawCapture.encodeLines(lines)).orElseThrow());
        assertFalse(RawCapture.encodeLines(lines).contains(","));
        assertTrue(RawCapture.decodeLines("not base64!").isEmpty());
        assertTrue(RawCapture.decodeLines("AAAA").isEmpty());
    }

    @Test
    void toStringRedactsEverySecret() throws Exception {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("Cookie", List.of("sid=cookie-secret"));
        h.put("Authorization", List.of("Bearer auth-secret"));
        h.put("Sec-WebSocket-Protocol", List.of("proto-secret"));
        h.put("X-Api-Key", List.of("header-secret"));
        h.put("Host", List.of("example.com"));
        String s = fromContainer("/chat/path-secret?token=query-secret", h, false).toString();
        for (String secret : List.of("cookie-secret", "auth-secret", "proto-secret",
                "header-secret", "path-secret", "query-secret")) {
            assertFalse(s.contains(secret), secret + " leaked: " + s);
        }
        assertTrue(s.contains("token") && s.contains("sid") && s.contains("example.com"), s);
    }
}
