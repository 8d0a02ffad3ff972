package io.github.switchboard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.switchboard.RequestCookie;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Jazzer fuzz tests for the three header parsers. Without {@code JAZZER_FUZZ} they run in
 * regression mode as part of {@code mvn test}: once with an empty input and once per file in
 * {@code src/test/resources/io/github/switchboard/internal/ParserFuzzTestInputs/<method>/}.
 * docs/fuzzing.md says how to run a campaign and how each input is laid out.
 *
 * <p>Every target first reads one mode byte from the end of the input, so one target covers both
 * hostile input (only "never throws" and structural invariants hold) and input built from a safe
 * alphabet (the result is known exactly). Keeping one target per parser keeps a campaign of
 * five minutes per target under twenty minutes in total.
 */
class ParserFuzzTest {

    /** RFC 6265 token characters: what a cookie name may be made of. */
    private static final String TOKEN =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~";
    /** RFC 6265 cookie-octet: no space, no quote, no comma, no semicolon, no backslash. */
    private static final String COOKIE_OCTET;

    static {
        StringBuilder b = new StringBuilder();
        for (char c = 0x21; c <= 0x7e; c++) {
            if (c != '"' && c != ',' && c != ';' && c != '\\') {
                b.append(c);
            }
        }
        COOKIE_OCTET = b.toString();
    }

    private static final List<String> PAIR_SEPARATORS = List.of(";", "; ", " ;", ";\t", " ; ", ";;");

    private static final Pattern NORMALISED_ORIGIN =
            Pattern.compile("(http|https)://(\\[[^\\]]*\\]|[a-z0-9._-]+):[0-9]{1,5}");

    // ---------------------------------------------------------------------------------- cookies

    @FuzzTest
    void cookieParserNeverThrows(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            cookiesBuiltFromSafeAlphabetsRoundTrip(data);
        } else {
            hostileCookieHeaders(data);
        }
    }

    /** Layout: payload (UTF-8), then from the end: mode, null-entry flag, 2-byte cut offset. */
    private static void hostileCookieHeaders(FuzzedDataProvider data) {
        boolean withNullEntry = data.consumeBoolean();
        int cut = data.consumeInt(0, 0xffff);
        String raw = data.consumeRemainingAsString();
        int at = Math.min(cut, raw.length());
        List<String> headers = new ArrayList<>();
        headers.add(raw.substring(0, at));
        if (withNullEntry) {
            headers.add(null);
        }
        headers.add(raw.substring(at));

        CookieParser.Result result = CookieParser.parse(headers);

        assertTrue(result.cookies().size() <= CookieParser.MAX_COOKIES, "at most MAX_COOKIES");
        assertTrue(result.skipped() >= 0);
        if (result.overflow()) {
            assertEquals(CookieParser.MAX_COOKIES, result.cookies().size(), "overflow keeps MAX");
        }
        int pieces = raw.split(";", -1).length + 1; // the cut can split one piece in two
        assertTrue(result.cookies().size() + result.skipped() <= pieces, "nothing invented");
        for (RequestCookie c : result.cookies()) {
            assertWellFormed(c);
        }
        assertThrows(UnsupportedOperationException.class,
                () -> result.cookies().add(new RequestCookie("x", "y")));
    }

    private static void assertWellFormed(RequestCookie c) {
        String name = c.name();
        String value = c.value();
        assertFalse(name.isEmpty(), "empty name");
        assertFalse(name.indexOf(';') >= 0 || name.indexOf('=') >= 0, "separator in name");
        assertFalse(value.indexOf(';') >= 0, "';' in value");
        assertFalse(hasControl(name) || hasControl(value), "control character kept");
        assertFalse(isSpace(name.charAt(0)) || isSpace(name.charAt(name.length() - 1)),
                "untrimmed name");
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(ch -> (ch < 0x20 && ch != '\t') || ch == 0x7f);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    /**
     * Builds {@code name=value} pairs from RFC 6265's own alphabets, optionally quoted, with
     * varying separators and spread over several header values; the parse must give them back.
     */
    private static void cookiesBuiltFromSafeAlphabetsRoundTrip(FuzzedDataProvider data) {
        int wanted = data.consumeInt(0, CookieParser.MAX_COOKIES + 8);
        List<String> headers = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < wanted && data.remainingBytes() > 0; i++) {
            String name = mapInto(data.consumeAsciiString(12), TOKEN);
            if (name.isEmpty()) {
                name = "n" + i;
            }
            String value = mapInto(data.consumeAsciiString(24), COOKIE_OCTET);
            boolean quoted = data.consumeBoolean();
            boolean spacesAroundEquals = data.consumeBoolean();
            if (i > 0) {
                if (data.consumeBoolean()) {
                    headers.add(header.toString());
                    header.setLength(0);
                } else {
                    header.append(data.pickValue(PAIR_SEPARATORS));
                }
            }
            header.append(name).append(spacesAroundEquals ? " = " : "=")
                    .append(quoted ? '"' + value + '"' : value);
            if (expected.size() < CookieParser.MAX_COOKIES + 1) {
                expected.add(name + "=" + value);
            }
        }
        headers.add(header.toString());

        CookieParser.Result result = CookieParser.parse(headers);

        boolean overflow = expected.size() > CookieParser.MAX_COOKIES;
        List<String> kept = overflow ? expected.subList(0, CookieParser.MAX_COOKIES) : expected;
        assertEquals(kept, result.cookies().stream().map(c -> c.name() + "=" + c.value()).toList());
        assertEquals(0, result.skipped());
        assertEquals(overflow, result.overflow());
    }

    private static String mapInto(String s, String alphabet) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            b.append(alphabet.charAt(s.charAt(i) % alphabet.length()));
        }
        return b.toString();
    }

    // ---------------------------------------------------------------------------------- queries

    @FuzzTest
    void queryParserNeverThrows(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            queriesEncodedByUrlEncoderRoundTrip(data);
        } else {
            hostileQuery(data);
        }
    }

    /** Layout: payload (UTF-8), then the mode byte at the end. */
    private static void hostileQuery(FuzzedDataProvider data) {
        String raw = data.consumeRemainingAsString();

        QueryParser.Result result = QueryParser.parse(raw);

        int total = 0;
        for (Map.Entry<String, List<String>> e : result.parameters().entrySet()) {
            assertFalse(e.getKey().isEmpty(), "empty parameter name");
            assertFalse(e.getValue().isEmpty(), "name without values");
            total += e.getValue().size();
        }
        assertTrue(total <= QueryParser.MAX_PARAMETERS, "at most MAX_PARAMETERS");
        if (result.overflow()) {
            assertEquals(QueryParser.MAX_PARAMETERS, total, "overflow keeps MAX");
        }
        assertThrows(UnsupportedOperationException.class,
                () -> result.parameters().put("x", List.of()));
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            // Nothing to decode: every name and value is a piece of the raw text.
            result.parameters().forEach((k, v) -> {
                assertTrue(raw.contains(k));
                v.forEach(value -> assertTrue(raw.contains(value)));
            });
        }
    }

    /** What a browser's form encoder produces must decode to exactly what it encoded. */
    private static void queriesEncodedByUrlEncoderRoundTrip(FuzzedDataProvider data) {
        boolean spaceAsPercent20 = data.consumeBoolean();
        int wanted = data.consumeInt(0, QueryParser.MAX_PARAMETERS + 8);
        Map<String, List<String>> expected = new LinkedHashMap<>();
        StringBuilder query = new StringBuilder();
        int count = 0;
        for (int i = 0; i < wanted && data.remainingBytes() > 0; i++) {
            String name = data.consumeString(16);
            String value = data.consumeString(32);
            if (name.isEmpty() || hasLoneSurrogate(name) || hasLoneSurrogate(value)) {
                continue; // an empty name is skipped; a lone surrogate has no UTF-8 form
            }
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(encode(name, spaceAsPercent20)).append('=')
                    .append(encode(value, spaceAsPercent20));
            if (count++ < QueryParser.MAX_PARAMETERS) {
                expected.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }

        QueryParser.Result result = QueryParser.parse(query.toString());

        assertEquals(expected, result.parameters());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(result.parameters().keySet()));
        assertEquals(count > QueryParser.MAX_PARAMETERS, result.overflow());
    }

    private static String encode(String s, boolean spaceAsPercent20) {
        String e = URLEncoder.encode(s, StandardCharsets.UTF_8);
        return spaceAsPercent20 ? e.replace("+", "%20") : e; // a literal '+' is encoded as %2B
    }

    private static boolean hasLoneSurrogate(String s) {
        return s.codePoints().anyMatch(cp -> cp >= Character.MIN_SURROGATE
                && cp <= Character.MAX_SURROGATE);
    }

    // ---------------------------------------------------------------------------------- origins

    /**
     * Layout: from the front, strings read with {@code consumeString} (a {@code \} followed by
     * another character ends one; {@code \\} is a backslash): the value to normalise, the
     * allow-list entry, the Origin values, the Host; from the end: policy, origin count, host
     * present, secure.
     */
    @FuzzTest
    void originPolicyNeverThrows(FuzzedDataProvider data) {
        int policyChoice = data.consumeInt(0, 2);
        int originCount = data.consumeInt(0, 2);
        boolean hostPresent = data.consumeBoolean();
        boolean secure = data.consumeBoolean();

        String candidate = data.consumeString(400);
        Optional<String> normalised = OriginPolicy.normalise(candidate);
        if (normalised.isPresent()) {
            String n = normalised.get();
            assertTrue(NORMALISED_ORIGIN.matcher(n).matches(), "not normal form");
            assertEquals(normalised, OriginPolicy.normalise(n), "normalise is not idempotent");
        }

        String entry = data.consumeString(400);
        OriginPolicy policy;
        switch (policyChoice) {
            case 0 -> policy = OriginPolicy.sameOrigin();
            case 1 -> policy = OriginPolicy.allowAll();
            default -> {
                OriginPolicy p;
                try {
                    p = OriginPolicy.of(List.of(entry)); // ["*"] is allow-all, by design
                } catch (IllegalArgumentException notAnOrigin) {
                    p = OriginPolicy.sameOrigin();
                }
                policy = p;
            }
        }
        boolean allowAll = policy == OriginPolicy.allowAll();
        boolean allowList = !allowAll && policy != OriginPolicy.sameOrigin();
        List<String> origins = new ArrayList<>();
        for (int i = 0; i < originCount; i++) {
            origins.add(data.consumeString(400));
        }
        Optional<String> host = hostPresent ? Optional.of(data.consumeString(400)) : Optional.empty();

        Optional<String> refusal = policy.refusal(origins, host, secure);

        if (origins.isEmpty()) {
            assertEquals(Optional.empty(), refusal, "no Origin must be allowed");
            return;
        }
        boolean joined = origins.size() > 1 || origins.get(0).indexOf(',') >= 0;
        if (joined) {
            assertTrue(refusal.isPresent(), "repeated or joined Origin allowed");
            return;
        }
        String origin = origins.get(0);
        if (allowAll) {
            assertEquals(Optional.empty(), refusal, "allow-all refused a single Origin");
        } else if (allowList) {
            Optional<String> o = OriginPolicy.normalise(origin.trim());
            boolean listed = o.isPresent() && o.equals(OriginPolicy.normalise(entry.trim()));
            assertEquals(listed, refusal.isEmpty(), "allow-list verdict is not exact matching");
        } else if (refusal.isEmpty()) {
            Optional<String> o = OriginPolicy.normalise(origin.trim());
            assertTrue(o.isPresent());
            assertEquals(o, host.flatMap(h -> OriginPolicy.normalise(
                    (secure ? "https://" : "http://") + h.trim())), "same-origin allowed another origin");
        }
    }
}
