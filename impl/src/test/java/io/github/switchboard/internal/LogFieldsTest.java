package io.github.switchboard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.Handshake;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The connection log lines: the id and the facts, never a secret, never a forged line. */
class LogFieldsTest {

    private static Handshake handshake(String uri, Map<String, List<String>> headers)
            throws Exception {
        return SnapshotFactory.create(new SnapshotFactory.Request(URI.create(uri),
                URI.create(uri).getRawQuery(), headers, null, null, true,
                new InetSocketAddress("127.0.0.1", 50123), false), "/feed/{room}");
    }

    @Test
    void secretsNeverAppearButTheirPresenceDoes() throws Exception {
        Handshake h = handshake("/feed/s3cr3t-room?token=s3cr3t-token&token=again&lang=en",
                Map.of("Authorization", List.of("Bearer s3cr3t-jwt"),
                        "Cookie", List.of("session=s3cr3t-cookie"),
                        "Sec-WebSocket-Protocol", List.of("bearer.s3cr3t-proto"),
                        "Origin", List.of("https://app.example")));
        String line = LogFields.opened("c-1", h);
        assertFalse(line.contains("s3cr3t"), line);
        assertTrue(line.startsWith("SWB-1117 opened connection=c-1 endpoint=/feed/{room} "
                + "remote=127.0.0.1:50123 origin=https://app.example "), line);
        assertTrue(line.contains(" query=\"token=<redacted>&token=<redacted>&lang=<redacted>\""),
                line);
        assertTrue(line.contains(" cookies=1 authorization=<redacted> subprotocols=1 "), line);
        assertEquals("SWB-1118 closed connection=c-1 code=4401", LogFields.closed("c-1", 4401));
    }

    @Test
    void whatAClientControlsCannotForgeALineOrAField() throws Exception {
        Handshake h = handshake("/feed/x", Map.of("Origin",
                List.of("https://a.example\nSWB-1117 opened connection=forged")));
        String line = LogFields.opened("c-2", h);
        assertFalse(line.contains("\n"), line);
        // Parsed as key=value pairs (values quoted where needed), the forgery stays inside origin.
        java.util.regex.Matcher pairs = java.util.regex.Pattern
                .compile("(\\S+?)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S*)").matcher(line);
        List<String> keys = new java.util.ArrayList<>();
        while (pairs.find()) {
            keys.add(pairs.group(1));
        }
        assertEquals(List.of("connection", "endpoint", "remote", "origin", "query", "cookies",
                "authorization", "subprotocols", "secure"), keys, line);
        assertEquals("\"a b\"", LogFields.value("a b"));
        assertEquals("\"a\\\"b\"", LogFields.value("a\"b"));
        assertEquals("x\\u000d\\u000ay", LogFields.value("x\r\ny"));
        assertEquals("\\u00e9", LogFields.value("é"));
        assertEquals(LogFields.MAX_VALUE + "\\u2026".length(),
                LogFields.value("a".repeat(10_000)).length(), "long values are cut");
        assertEquals("\"\"", LogFields.value(""));
    }
}
