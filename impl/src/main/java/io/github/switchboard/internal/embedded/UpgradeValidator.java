package io.github.switchboard.internal.embedded;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.Map;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.Protocol;

/**
 * Checks an upgrade request against RFC 6455 §4.2.1 before Tyrus sees it. Tyrus answers 101 to a
 * malformed key, to {@code POST} and to HTTP/1.0, and answers a missing key with a 500 on a
 * connection it leaves open (DESIGN.md §4), so the embedded server refuses these itself.
 */
final class UpgradeValidator {

    /** A refusal: status, phrase, extra headers and a short plain-text body. */
    record Refusal(int status, String phrase, Map<String, String> headers, String body) {
    }

    private UpgradeValidator() {
    }

    /** The refusal for {@code req}, or null when it is a well-formed WebSocket upgrade. */
    static Refusal check(HttpRequestPacket req) {
        if (!Method.GET.equals(req.getMethod())) {
            return new Refusal(405, "Method Not Allowed", Map.of("Allow", "GET"),
                    "a WebSocket upgrade must use GET");
        }
        if (req.getProtocol() != Protocol.HTTP_1_1) {
            return bad("a WebSocket upgrade needs HTTP/1.1");
        }
        if (!hasToken(req.getHeaders().values("Connection"), "upgrade")) {
            return bad("the Connection header must contain 'Upgrade'");
        }
        String version = single(req, "Sec-WebSocket-Version");
        if (version == null || !version.trim().equals("13")) {
            return new Refusal(426, "Upgrade Required", Map.of("Sec-WebSocket-Version", "13"),
                    "only WebSocket version 13 is supported");
        }
        String key = single(req, "Sec-WebSocket-Key");
        if (key == null || !isValidKey(key.trim())) {
            return bad("Sec-WebSocket-Key must be one base64-encoded 16-byte value");
        }
        String target = req.getRequestURI();
        String query = req.getQueryString();
        if (target == null || !target.startsWith("/") || target.startsWith("//")) {
            // Only origin-form: an opaque target (GET mailto:x) makes Tyrus's
            // URI.create(...).getPath() throw and drop the connection without a response, and
            // "//x" is read as a host name by java.net.URI but as a path by Tyrus's matcher.
            return bad("the request target must be a path starting with a single /");
        }
        try {
            new URI(target); // Tyrus parses the path on its own
            new URI(target + (query == null ? "" : "?" + query));
        } catch (URISyntaxException e) { // the gate encodes illegal characters first
            return bad("the request target is not a valid URI");
        }
        return null;
    }

    /**
     * Whether the raw target holds a control character or a space: never sent by a browser and
     * refused by HTTP (RFC 9112 §3.2), so refused here before anything is encoded.
     */
    static boolean hasControlCharacters(String s) {
        if (s == null) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static Refusal bad(String body) {
        return new Refusal(400, "Bad Request", Map.of(), body);
    }

    static boolean isValidKey(String key) {
        if (key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The header's value when it occurs exactly once, else null. */
    private static String single(HttpRequestPacket req, String name) {
        String found = null;
        for (String v : req.getHeaders().values(name)) {
            if (found != null) {
                return null;
            }
            found = v;
        }
        return found;
    }

    /**
     * Whether a comma-separated element of one of the values is {@code token} (lower-case),
     * ignoring case and what {@code String.trim} removes. Every upgrade runs it, so it splits
     * nothing and allocates nothing.
     */
    static boolean hasToken(Iterable<String> headerValues, String token) {
        for (String v : headerValues) {
            int start = 0;
            while (start <= v.length()) {
                int end = v.indexOf(',', start);
                if (end < 0) {
                    end = v.length();
                }
                int a = start;
                int b = end;
                while (a < b && v.charAt(a) <= ' ') { // as String.trim
                    a++;
                }
                while (b > a && v.charAt(b - 1) <= ' ') {
                    b--;
                }
                if (b - a == token.length() && v.regionMatches(true, a, token, 0, b - a)) {
                    return true;
                }
                start = end + 1;
            }
        }
        return false;
    }
}
