package io.github.switchboard.internal;

import io.github.switchboard.RequestCookie;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses request {@code Cookie} headers the way RFC 6265 §4.2 and §5.4 lay them out: pairs are
 * separated by {@code ;} and by nothing else. A comma, an {@code =} or a quote inside a value is
 * part of the value; a {@code ;} always ends a pair, also inside quotes (RFC 6265's cookie-octet
 * excludes it), so a stray quote can never make the parser read into the next pair.
 *
 * <p>Rules for what is not a well-formed pair, chosen so that nothing is invented:
 * <ul>
 *   <li>whitespace around names and values is trimmed; one pair of surrounding double quotes is
 *       removed from a value (RFC 6265: the quotes are not part of the value);</li>
 *   <li>a piece without {@code =}, or with an empty name, is skipped and counted;</li>
 *   <li>a pair whose name or value holds a control character (other than tab) is skipped and
 *       counted: such bytes are never legal in a cookie and are a common injection vector;</li>
 *   <li>duplicate names are all kept, in header order;</li>
 *   <li>at most {@link #MAX_COOKIES} pairs are kept; the rest is reported as overflow.</li>
 * </ul>
 * The work is linear in the input length. It never throws on any input.
 *
 * <p>Stateless and thread-safe.
 */
public final class CookieParser {

    /** The most cookies one request may carry; browsers cap a domain at about 180. */
    public static final int MAX_COOKIES = 300;

    /** The result of a parse. */
    public record Result(List<RequestCookie> cookies, int skipped, boolean overflow) {
        public static final Result NONE = new Result(List.of(), 0, false);
    }

    private CookieParser() {
    }

    /** Parses every value of the {@code Cookie} header in order, as if joined by {@code ;}. */
    public static Result parse(List<String> headerValues) {
        if (headerValues == null || headerValues.isEmpty()) {
            return Result.NONE;
        }
        List<RequestCookie> out = new ArrayList<>();
        int[] skipped = {0};
        boolean overflow = false;
        for (String value : headerValues) {
            if (value != null && parseInto(value, out, skipped)) {
                overflow = true;
                break;
            }
        }
        return new Result(List.copyOf(out), skipped[0], overflow);
    }

    /** Parses one header value. Returns true when {@link #MAX_COOKIES} was exceeded. */
    private static boolean parseInto(String header, List<RequestCookie> out, int[] skipped) {
        int n = header.length();
        int start = 0;
        while (start <= n) {
            int end = header.indexOf(';', start);
            if (end < 0) {
                end = n;
            }
            int nameStart = skipSpace(header, start, end);
            if (nameStart < end) { // not an empty piece (";;" or trailing ";")
                int eq = indexOf(header, '=', nameStart, end);
                if (eq < 0) {
                    skipped[0]++;
                } else {
                    String name = trimmed(header, nameStart, eq);
                    String value = unquote(trimmed(header, eq + 1, end));
                    if (name.isEmpty() || hasControl(name) || hasControl(value)) {
                        skipped[0]++;
                    } else {
                        if (out.size() == MAX_COOKIES) {
                            return true;
                        }
                        out.add(new RequestCookie(name, value));
                    }
                }
            }
            start = end + 1;
        }
        return false;
    }

    /** The first {@code c} in {@code s[from, to)}, or -1: never reads past the piece. */
    static int indexOf(String s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static int skipSpace(String s, int from, int to) {
        int i = from;
        while (i < to && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String trimmed(String s, int from, int to) {
        int a = skipSpace(s, from, to);
        int b = to;
        while (b > a && isSpace(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
