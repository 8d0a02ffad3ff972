package io.github.switchboard.internal;

/**
 * Makes a request target that browsers send acceptable to {@link java.net.URI}: browsers leave
 * characters such as {@code { } | ^ [ ]} and a bare {@code %} unencoded where
 * {@code java.net.URI} (and Tyrus, which parses the target with it) refuses them. Every
 * character a URI may not hold is percent-encoded, and a {@code %} that does not start a valid
 * escape becomes {@code %25}; valid escapes and legal characters are left alone, so decoding the
 * result gives what the client meant. Characters below 256 are encoded as the single byte they
 * came from (HTTP servers read the request line as ISO-8859-1, so a raw UTF-8 byte arrives as
 * one such character); others as UTF-8.
 *
 * <p>Stateless and thread-safe; never throws.
 */
public final class UriText {

    private static final String UNRESERVED_AND_DELIMS =
            "-._~!$&'()*+,;=:@/";

    private UriText() {
    }

    /** The path part of a target, encoded where needed. */
    public static String path(String raw) {
        return encode(raw, false);
    }

    /** The query part of a target (without the {@code ?}), encoded where needed. */
    public static String query(String raw) {
        return encode(raw, true);
    }

    private static String encode(String s, boolean query) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        int i = 0;
        while (i < n && isLegal(s, i, query)) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder out = new StringBuilder(n + 16).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (isLegal(s, i, query)) {
                out.append(c);
            } else if (c < 256) {
                appendByte(out, c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < n
                        && Character.isLowSurrogate(s.charAt(i + 1)) ? i + 2 : i + 1;
                for (byte b : s.substring(i, end).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    appendByte(out, b & 0xff);
                }
                i = end - 1;
            }
        }
        return out.toString();
    }

    private static boolean isLegal(String s, int i, boolean query) {
        char c = s.charAt(i);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        if (c == '%') {
            return i + 2 < s.length() && hex(s.charAt(i + 1)) && hex(s.charAt(i + 2));
        }
        if (query && c == '?') {
            return true;
        }
        return UNRESERVED_AND_DELIMS.indexOf(c) >= 0;
    }

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static void appendByte(StringBuilder out, int b) {
        out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
    }
}
