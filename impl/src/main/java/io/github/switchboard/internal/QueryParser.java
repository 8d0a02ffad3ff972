package io.github.switchboard.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a raw query string ({@code a=1&b=x%20y&a=2}) into multi-valued, decoded parameters in
 * request order, as browsers encode them ({@code application/x-www-form-urlencoded}: {@code +} is
 * a space, {@code %XX} a byte, bytes are UTF-8).
 *
 * <p>Never throws: a {@code %} that does not start a valid escape is kept literally, byte
 * sequences that are not UTF-8 decode to U+FFFD, a piece without {@code =} is a parameter with an
 * empty value, a piece with an empty name is skipped. At most {@link #MAX_PARAMETERS} parameters
 * are kept; the result says when more were sent. Linear in the input length.
 *
 * <p>Stateless and thread-safe.
 */
public final class QueryParser {

    /** The most query parameters one handshake may carry. */
    public static final int MAX_PARAMETERS = 512;

    /** U+FFFD in UTF-8. */
    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

    /** The result of a parse; the map and its lists are unmodifiable. */
    public record Result(Map<String, List<String>> parameters, boolean overflow) {
        public static final Result NONE = new Result(Map.of(), false);
    }

    private QueryParser() {
    }

    public static Result parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Result.NONE;
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        int count = 0;
        int start = 0;
        int n = rawQuery.length();
        while (start <= n) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = n;
            }
            if (end > start) {
                int eq = CookieParser.indexOf(rawQuery, '=', start, end);
                String name;
                String value;
                if (eq < 0) {
                    name = decode(rawQuery, start, end);
                    value = "";
                } else {
                    name = decode(rawQuery, start, eq);
                    value = decode(rawQuery, eq + 1, end);
                }
                if (!name.isEmpty()) {
                    if (count == MAX_PARAMETERS) {
                        return new Result(freeze(params), true);
                    }
                    params.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
                    count++;
                }
            }
            start = end + 1;
        }
        return new Result(freeze(params), false);
    }

    private static Map<String, List<String>> freeze(Map<String, List<String>> params) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(out);
    }

    /** Decodes {@code s[from, to)}: '+' is a space, valid %XX escapes are bytes, UTF-8. */
    static String decode(String s, int from, int to) {
        boolean plain = true;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' || c == '+') {
                plain = false;
                break;
            }
        }
        if (plain) {
            return s.substring(from, to);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%' && i + 2 < to && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                bytes.write(hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2)));
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < to
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                byte[] enc = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                bytes.write(enc, 0, enc.length);
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes.write(REPLACEMENT, 0, REPLACEMENT.length); // a lone surrogate, as the decoder would
            } else {
                byte[] enc = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(enc, 0, enc.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException impossible) { // REPLACE never throws
            throw new AssertionError(impossible);
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
