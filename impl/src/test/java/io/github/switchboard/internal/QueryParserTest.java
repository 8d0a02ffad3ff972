package io.github.switchboard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link QueryParser} against its Javadoc. Assertions compare the whole parameter map and its key
 * order, so nothing extra can slip through.
 */
class QueryParserTest {

    private static final String REPLACEMENT = "\uFFFD";

    @Test
    void repeatedNamesKeepTheirValuesInRequestOrder() {
        assertQuery("a=1&b=x&a=2&a=1", false, "a", List.of("1", "2", "1"), "b", List.of("x"));
    }

    @Test
    void plusIsASpaceInNamesAndValues() {
        assertQuery("q=a+b++c&first+name=x", false,
                "q", List.of("a b  c"), "first name", List.of("x"));
    }

    @Test
    void percentEscapesAreDecodedAndEncodedPlusIsAPlus() {
        assertQuery("q=a%20b&p=1%2B1&lower=%c3%a9", false,
                "q", List.of("a b"), "p", List.of("1+1"), "lower", List.of("é"));
    }

    @Test
    void encodedSeparatorsAreDataNotSyntax() {
        assertQuery("a%3Db=c%26d%3De", false, "a=b", List.of("c&d=e"));
    }

    @Test
    void valueContainingEqualsKeepsEverythingAfterTheFirstEquals() {
        assertQuery("a=b=c&t=YWJj==", false, "a", List.of("b=c"), "t", List.of("YWJj=="));
    }

    @Test
    void invalidEscapesAreKeptLiterally() {
        assertQuery("a=%zz&b=%&c=%4&d=100%&e=%%41&f=%4g", false,
                "a", List.of("%zz"), "b", List.of("%"), "c", List.of("%4"),
                "d", List.of("100%"), "e", List.of("%A"), "f", List.of("%4g"));
    }

    @Test
    void incompleteEscapeNeverReadsIntoTheNextParameter() {
        assertQuery("a=%4&1=x&b=%&41", false,
                "a", List.of("%4"), "1", List.of("x"), "b", List.of("%"), "41", List.of(""));
    }

    @Test
    void validUtf8EscapesAreDecoded() {
        assertQuery("euro=%E2%82%AC&smile=%F0%9F%98%80&nul=%00", false,
                "euro", List.of("€"), "smile", List.of("\uD83D\uDE00"), "nul", List.of("\u0000"));
    }

    @Test
    void truncatedUtf8SequenceDecodesToTheReplacementCharacter() {
        assertQuery("a=%E0%A4&b=%E0%A4x&c=%E0%A4%", false,
                "a", List.of(REPLACEMENT), "b", List.of(REPLACEMENT + "x"),
                "c", List.of(REPLACEMENT + "%"));
    }

    @Test
    void overlongEncodingsNeverDecodeToTheCharacterTheyDisguise() {
        // %C0%AF is an overlong '/', %F0%80%80%AF a four-byte one: both are malformed.
        assertQuery("a=%C0%AF&b=%F0%80%80%AF&c=%C0%80", false,
                "a", List.of(REPLACEMENT.repeat(2)), "b", List.of(REPLACEMENT.repeat(4)),
                "c", List.of(REPLACEMENT.repeat(2)));
    }

    @Test
    void encodedSurrogatesAndOutOfRangeCodePointsDecodeToReplacementCharacters() {
        // CESU-8 U+D800 and U+110000 are not UTF-8; neither may produce a lone surrogate.
        QueryParser.Result result = QueryParser.parse("s=%ED%A0%80&big=%F4%90%80%80&bad=%FF%FE%80");
        assertQuery(result, false, "s", List.of(REPLACEMENT), "big", List.of(REPLACEMENT.repeat(4)),
                "bad", List.of(REPLACEMENT.repeat(3)));
    }

    @Test
    void rawUnicodeCharactersAreKeptWithOrWithoutEscapesAround() {
        assertQuery("名前=日本&\uD83D\uDE00=1&mix=é%20x+\uD83D\uDE00%21", false,
                "名前", List.of("日本"), "\uD83D\uDE00", List.of("1"),
                "mix", List.of("é x \uD83D\uDE00!"));
    }

    @Test
    void pieceWithoutEqualsIsAParameterWithAnEmptyValue() {
        assertQuery("flag&a=1&flag&a=", false, "flag", List.of("", ""), "a", List.of("1", ""));
    }

    @Test
    void pieceWithAnEmptyNameIsSkipped() {
        assertQuery("=1&a=2&=&=x=y", false, "a", List.of("2"));
    }

    @Test
    void onlyAmpersandsGiveNoParameters() {
        assertQuery("&&&", false);
    }

    @Test
    void onlyAnEqualsSignGivesNoParameters() {
        assertQuery("=", false);
    }

    @Test
    void leadingAndTrailingAmpersandsAreIgnored() {
        assertQuery("&a=1&&b=2&", false, "a", List.of("1"), "b", List.of("2"));
    }

    @Test
    void nullOrEmptyQueryGivesNone() {
        assertSame(QueryParser.Result.NONE, QueryParser.parse(null));
        assertSame(QueryParser.Result.NONE, QueryParser.parse(""));
    }

    @Test
    void exactlyMaxParametersIsNotAnOverflow() {
        QueryParser.Result result = QueryParser.parse(numbered(QueryParser.MAX_PARAMETERS));
        assertEquals(QueryParser.MAX_PARAMETERS, result.parameters().size());
        assertEquals(List.of("v511"), result.parameters().get("p511"));
        assertFalse(result.overflow());
    }

    @Test
    void moreThanMaxParametersKeepsTheFirstMaxAndFlagsOverflow() {
        QueryParser.Result result = QueryParser.parse(numbered(QueryParser.MAX_PARAMETERS + 100));
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (int i = 0; i < QueryParser.MAX_PARAMETERS; i++) {
            expected.put("p" + i, List.of("v" + i));
        }
        assertEquals(expected, result.parameters());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(result.parameters().keySet()));
        assertTrue(result.overflow());
    }

    @Test
    void repeatedValuesCountTowardsTheCap() {
        QueryParser.Result result = QueryParser.parse("a=x&".repeat(QueryParser.MAX_PARAMETERS + 1));
        assertEquals(1, result.parameters().size());
        assertEquals(QueryParser.MAX_PARAMETERS, result.parameters().get("a").size());
        assertTrue(result.overflow());
    }

    @Test
    void skippedEmptyNamesDoNotCountTowardsTheCap() {
        QueryParser.Result result = QueryParser.parse(
                "=x&".repeat(1000) + numbered(QueryParser.MAX_PARAMETERS));
        assertEquals(QueryParser.MAX_PARAMETERS, result.parameters().size());
        assertFalse(result.overflow());
    }

    @Test
    void mapAndValueListsAreUnmodifiable() {
        QueryParser.Result result = QueryParser.parse("a=1&a=2&b=3");
        Map<String, List<String>> params = result.parameters();
        assertThrows(UnsupportedOperationException.class, () -> params.put("c", List.of("4")));
        assertThrows(UnsupportedOperationException.class, () -> params.remove("a"));
        assertThrows(UnsupportedOperationException.class, () -> params.get("a").add("x"));
        assertThrows(UnsupportedOperationException.class, () -> params.get("a").set(0, "x"));
        assertThrows(UnsupportedOperationException.class,
                () -> params.entrySet().iterator().next().setValue(List.of()));
    }

    @Test
    void oneMegabyteQueryIsParsedToTheExactResult() {
        String big = "%41".repeat(1 << 18);
        QueryParser.Result result = QueryParser.parse(
                "a=" + big + "&" + "&".repeat(1 << 20) + "b=" + "x".repeat(1 << 20));
        assertQuery(result, false, "a", List.of("A".repeat(1 << 18)), "b", List.of("x".repeat(1 << 20)));
    }

    // ----------------------------------------------------------------------------- helpers

    private static void assertQuery(String query, boolean overflow, Object... namesAndValues) {
        assertQuery(QueryParser.parse(query), overflow, namesAndValues);
    }

    @SuppressWarnings("unchecked")
    private static void assertQuery(QueryParser.Result result, boolean overflow,
            Object... namesAndValues) {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            expected.put((String) namesAndValues[i], (List<String>) namesAndValues[i + 1]);
        }
        assertEquals(expected, result.parameters());
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(result.parameters().keySet()),
                "parameter order");
        assertEquals(overflow, result.overflow(), "overflow");
    }

    private static String numbered(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : "&").append('p').append(i).append("=v").append(i);
        }
        return b.toString();
    }
}
