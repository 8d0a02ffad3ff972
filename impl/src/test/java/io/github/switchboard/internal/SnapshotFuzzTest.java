package io.github.switchboard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.switchboard.Handshake;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jazzer fuzz tests for the whole snapshot: header maps as containers hand them over, the
 * embedded server's raw capture, the request URI and the query. Regression mode runs in
 * {@code mvn test}; see docs/fuzzing.md for campaigns.
 */
class SnapshotFuzzTest {

    /** A marker no generated name contains: if it shows up in toString, a value leaked. */
    private static final String MARK = "\u2603SECRET\u2603";

    @FuzzTest
    void snapshotNeverThrowsAndNeverLeaksSecrets(FuzzedDataProvider data) {
        boolean captured = data.consumeBoolean();
        boolean splits = data.consumeBoolean();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        List<Map.Entry<String, String>> lines = new ArrayList<>();
        int n = data.consumeInt(0, 40);
        for (int i = 0; i < n; i++) {
            String name = unmarked(data.consumeString(20));
            String value = unmarked(data.consumeString(200)); // cookie names come from values
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            lines.add(Map.entry(name, value));
        }
        // Values that must never appear in toString, under every spelling of their names.
        String secretName = List.of("Cookie", "AUTHORIZATION", "sec-websocket-protocol")
                .get(data.consumeInt(0, 2));
        headers.computeIfAbsent(secretName, k -> new ArrayList<>()).add("s=" + MARK);
        lines.add(Map.entry(secretName, "s=" + MARK));
        String path = "/chat/" + unmarked(encodeLoosely(data.consumeString(40)));
        // Names are printed by design; only values are secret, so names never carry the mark.
        String query = unmarked(data.consumeString(300)) + "&q=" + MARK;
        URI uri;
        try {
            uri = new URI(null, null, path, null);
        } catch (Exception e) {
            return; // not a path a container could hand over
        }
        RawCapture capture = captured ? new RawCapture(lines,
                new InetSocketAddress("127.0.0.1", data.consumeInt(0, 65535)),
                new InetSocketAddress("127.0.0.1", 8080), data.consumeBoolean())
                : null;
        Handshake h;
        try {
            h = SnapshotFactory.create(new SnapshotFactory.Request(uri, query, headers, null,
                    capture, splits, null, false), "/chat/{room}");
        } catch (SnapshotFactory.BadRequest expected) {
            return;
        }
        String s = h.toString();
        assertFalse(s.contains(MARK), s);
        assertEquals(List.of(MARK), h.queryParameters("q").subList(
                h.queryParameters("q").size() - 1, h.queryParameters("q").size()));
        for (String name : h.headerNames()) {
            assertEquals(name.toLowerCase(java.util.Locale.ROOT), name);
            assertFalse(name.startsWith("x-switchboard-"), name);
        }
        assertTrue(h.cookies().size() <= CookieParser.MAX_COOKIES);
        assertTrue(!captured || h.cookiesTrusted());
    }

    @FuzzTest
    void lineDecodingNeverThrows(FuzzedDataProvider data) {
        RawCapture.decodeLines(data.consumeRemainingAsString());
    }

    /** The fuzzer learns the mark from the comparison below; keep it out of printed names. */
    private static String unmarked(String s) {
        return s.replace('\u2603', '_');
    }

    private static String encodeLoosely(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c == '/' || c == '?' || c == '#' ? '_' : c);
        }
        return b.toString();
    }
}
