package io.github.switchboard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.switchboard.RequestCookie;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile {@code Cookie} headers against {@link CookieParser}'s Javadoc. Every test states the
 * exact outcome: the cookies as {@code name=value} in order (a name never holds {@code =}, so the
 * form is unambiguous), how many pieces were skipped, and whether the cap overflowed.
 */
class CookieParserTest {

    // ------------------------------------------------------------------ values that hold syntax

    @Test
    void jsonValueWithCommasAndQuotesKeepsFollowingCookie() {
        assertParsed(parse("prefs={\"a\":1,\"b\":2}; theme=dark"), 0, false,
                "prefs={\"a\":1,\"b\":2}", "theme=dark");
    }

    @Test
    void commaDoesNotSeparateCookies() {
        assertParsed(parse("a=1, b=2"), 0, false, "a=1, b=2");
    }

    @Test
    void valueContainingEqualsKeepsEverythingAfterTheFirstEquals() {
        assertParsed(parse("a=b=c; token=YWJj=="), 0, false, "a=b=c", "token=YWJj==");
    }

    @Test
    void quotedValueLosesItsSurroundingQuotes() {
        assertParsed(parse("a=\"hello world\"; b=2"), 0, false, "a=hello world", "b=2");
    }

    @Test
    void onlyOneLayerOfQuotesIsRemoved() {
        assertParsed(parse("a=\"\"x\"\""), 0, false, "a=\"x\"");
    }

    @Test
    void spacesInsideQuotesAreKept() {
        assertParsed(parse("a=\" x \""), 0, false, "a= x ");
    }

    @Test
    void quoteInsideAValueIsKept() {
        assertParsed(parse("a=x\"y; b=\"z"), 0, false, "a=x\"y", "b=\"z");
    }

    @Test
    void quotedNameKeepsItsQuotes() {
        assertParsed(parse("\"a\"=1"), 0, false, "\"a\"=1");
    }

    // ------------------------------------------------------------------------ quotes and ';'

    @Test
    void semicolonInsideQuotesEndsThePair() {
        // "x;y" is not a cookie-octet string: the pair ends at ';' and the rest is a piece
        // without '=', skipped and counted, so the next real pair is never swallowed.
        assertParsed(parse("a=\"x;y\"; b=2"), 1, false, "a=\"x", "b=2");
    }

    @Test
    void unbalancedQuoteDoesNotSwallowTheNextPair() {
        assertParsed(parse("a=\"x; b=2"), 0, false, "a=\"x", "b=2");
    }

    @Test
    void emptyQuotesGiveAnEmptyValue() {
        assertParsed(parse("a=\"\"; b=2"), 0, false, "a=", "b=2");
    }

    @Test
    void singleQuoteCharacterIsKeptAsTheValue() {
        assertParsed(parse("a=\"; b=2"), 0, false, "a=\"", "b=2");
    }

    @Test
    void quotedValueDoesNotContinueIntoTheNextHeaderValue() {
        assertParsed(CookieParser.parse(List.of("a=\"x", "y\"; b=2")), 1, false, "a=\"x", "b=2");
    }

    // ------------------------------------------------------------------ names, order, skipping

    @Test
    void duplicateNamesAreAllKeptInHeaderOrder() {
        assertParsed(parse("id=1; x=0; id=2; ID=3; id=1"), 0, false,
                "id=1", "x=0", "id=2", "ID=3", "id=1");
    }

    @Test
    void pieceWithoutEqualsIsSkippedAndCounted() {
        assertParsed(parse("a=1; flag; b=2; other flag"), 2, false, "a=1", "b=2");
    }

    @Test
    void emptyNameIsSkippedAndCounted() {
        assertParsed(parse("=b; c=d; =; = e"), 3, false, "c=d");
    }

    @Test
    void nameOfOnlySpacesIsSkippedAndCounted() {
        assertParsed(parse("  \t =b; c=d"), 1, false, "c=d");
    }

    @Test
    void nameWithSpacesInsideIsKeptAsSent() {
        assertParsed(parse("my cookie=1; b=2"), 0, false, "my cookie=1", "b=2");
    }

    @Test
    void emptyValueIsKept() {
        assertParsed(parse("a=; b= ; c=3"), 0, false, "a=", "b=", "c=3");
    }

    @Test
    void spacesAroundEqualsAreTrimmed() {
        assertParsed(parse("a = 1 ;b= 2"), 0, false, "a=1", "b=2");
    }

    @Test
    void tabsAroundNamesAndValuesAreTrimmed() {
        assertParsed(parse("\ta\t=\t1\t;\tb=\"2\"\t"), 0, false, "a=1", "b=2");
    }

    @Test
    void tabInsideAValueIsKept() {
        assertParsed(parse("a=x\ty"), 0, false, "a=x\ty");
    }

    @Test
    void nonBreakingSpaceIsNotTrimmed() {
        assertParsed(parse("a=\u00a01\u00a0"), 0, false, "a=\u00a01\u00a0");
    }

    // ------------------------------------------------------------------------- empty shapes

    @Test
    void emptyHeaderGivesNoCookiesAndSkipsNothing() {
        assertParsed(parse(""), 0, false);
    }

    @Test
    void onlySemicolonsGiveNoCookiesAndSkipNothing() {
        assertParsed(parse(";;;"), 0, false);
    }

    @Test
    void onlySpacesAndTabsGiveNoCookies() {
        assertParsed(parse("   \t  "), 0, false);
        assertParsed(parse(" ; \t ;  "), 0, false);
    }

    @Test
    void trailingSemicolonIsIgnored() {
        assertParsed(parse("a=1;"), 0, false, "a=1");
        assertParsed(parse("a=1; "), 0, false, "a=1");
    }

    @Test
    void leadingSemicolonIsIgnored() {
        assertParsed(parse(";a=1"), 0, false, "a=1");
        assertParsed(parse(" ; a=1;;b=2"), 0, false, "a=1", "b=2");
    }

    // -------------------------------------------------------------- control characters, text

    @Test
    void nulInAValueSkipsOnlyThatPair() {
        assertParsed(parse("a=1; b=x\u0000y; c=3"), 1, false, "a=1", "c=3");
    }

    @Test
    void crLfInAValueSkipsOnlyThatPair() {
        // A classic response-splitting payload must not survive as a cookie value.
        assertParsed(parse("a=1; b=x\r\nSet-Cookie: evil=1; c=3"), 1, false, "a=1", "c=3");
    }

    @Test
    void trailingCarriageReturnIsNotWhitespaceAndSkipsThePair() {
        assertParsed(parse("a=1\r; b=2\n"), 2, false);
    }

    @Test
    void delInANameSkipsOnlyThatPair() {
        assertParsed(parse("a\u007f=1; b=2"), 1, false, "b=2");
    }

    @Test
    void controlCharacterAtTheStartOfANameSkipsOnlyThatPair() {
        assertParsed(parse("\u0001a=1; b=2; \u001fc=3"), 2, false, "b=2");
    }

    @Test
    void verticalTabAndFormFeedAreControlsNotWhitespace() {
        assertParsed(parse("a=\u000b1; b=\u000c2; c=3"), 2, false, "c=3");
    }

    @Test
    void controlCharacterInsideQuotesSkipsThePair() {
        assertParsed(parse("a=\"x\u0000\"; b=2"), 1, false, "b=2");
    }

    @Test
    void utf8TextAsJavaCharsIsKeptVerbatim() {
        assertParsed(parse("name=日本語; emoji=\uD83D\uDE00; ß=straße"), 0, false,
                "name=日本語", "emoji=\uD83D\uDE00", "ß=straße");
    }

    @Test
    void latin1MojibakeIsKeptVerbatim() {
        // UTF-8 "café" and "€" read as ISO-8859-1: "cafÃ©" and "â", U+0082, "¬". U+0082 is a C1
        // control, but RFC 6265 (RFC 5234 CTL) only names %x00-1F and %x7F: the value is kept.
        assertParsed(parse("a=caf\u00c3\u00a9; b=\u00e2\u0082\u00ac"), 0, false,
                "a=caf\u00c3\u00a9", "b=\u00e2\u0082\u00ac");
    }

    // ----------------------------------------------------------------------- sizes and limits

    @Test
    void eightKibValueIsKeptWhole() {
        String big = "v".repeat(8 * 1024);
        assertParsed(parse("a=1; big=" + big + "; z=2"), 0, false, "a=1", "big=" + big, "z=2");
    }

    @Test
    void exactlyMaxCookiesIsNotAnOverflow() {
        List<String> expected = numbered(CookieParser.MAX_COOKIES);
        assertParsed(parse(String.join("; ", expected)), 0, false, expected.toArray(String[]::new));
    }

    @Test
    void moreThanMaxCookiesKeepsExactlyTheFirstMaxAndFlagsOverflow() {
        List<String> sent = numbered(CookieParser.MAX_COOKIES + 50);
        CookieParser.Result result = parse(String.join("; ", sent));
        assertParsed(result, 0, true,
                sent.subList(0, CookieParser.MAX_COOKIES).toArray(String[]::new));
    }

    @Test
    void overflowCountsPairsAcrossHeaderValues() {
        List<String> sent = numbered(400);
        CookieParser.Result result = CookieParser.parse(List.of(
                String.join("; ", sent.subList(0, 200)), String.join("; ", sent.subList(200, 400))));
        assertParsed(result, 0, true,
                sent.subList(0, CookieParser.MAX_COOKIES).toArray(String[]::new));
    }

    @Test
    void skippedPiecesDoNotCountTowardsTheCap() {
        List<String> sent = numbered(CookieParser.MAX_COOKIES);
        String header = "junk; =x; " + String.join("; junk; ", sent);
        assertParsed(parse(header), 2 + CookieParser.MAX_COOKIES - 1, false,
                sent.toArray(String[]::new));
    }

    @Test
    void oneMegabyteHeaderIsParsedToTheExactResult() {
        String big = "x".repeat(1 << 20);
        CookieParser.Result result = parse("a=1; huge=" + big + "; " + ";".repeat(1 << 20)
                + " b=2; " + " ".repeat(1 << 20));
        assertParsed(result, 0, false, "a=1", "huge=" + big, "b=2");
    }

    /**
     * The Javadoc promises work linear in the input length. A megabyte of pieces without
     * {@code =} must not make every piece scan to the end of the header for an {@code =}. A
     * linear parse of this input takes milliseconds; the bound leaves a margin of well over 20x.
     */
    @Test
    void oneMegabyteOfPiecesWithoutEqualsIsSkipped() {
        // The search for '=' stays inside each piece (a search running to the end of the header
        // made this quadratic: 2.9 s at 1 MB). Speed is not asserted here; the result is.
        String header = "a;".repeat(1 << 19) + "b=2";
        assertParsed(parse(header), 1 << 19, false, "b=2");
    }

    // ------------------------------------------------------------------- lists of header values

    @Test
    void multipleHeaderValuesAreParsedInOrder() {
        assertParsed(CookieParser.parse(List.of("a=1; b=2", "c=3; a=4")), 0, false,
                "a=1", "b=2", "c=3", "a=4");
    }

    @Test
    void skippedPiecesAreCountedAcrossHeaderValues() {
        assertParsed(CookieParser.parse(List.of("x; a=1", "=y; b=2; z")), 3, false, "a=1", "b=2");
    }

    @Test
    void nullListGivesNone() {
        assertSame(CookieParser.Result.NONE, CookieParser.parse(null));
    }

    @Test
    void emptyListGivesNone() {
        assertSame(CookieParser.Result.NONE, CookieParser.parse(List.of()));
    }

    @Test
    void nullEntriesInTheListAreIgnored() {
        assertParsed(CookieParser.parse(Arrays.asList(null, "a=1", null, "b=2", null)), 0, false,
                "a=1", "b=2");
    }

    @Test
    void resultListIsUnmodifiable() {
        CookieParser.Result result = parse("a=1");
        assertThrows(UnsupportedOperationException.class,
                () -> result.cookies().add(new RequestCookie("b", "2")));
    }

    // ----------------------------------------------------------------------------- helpers

    private static CookieParser.Result parse(String header) {
        return CookieParser.parse(List.of(header));
    }

    private static void assertParsed(CookieParser.Result result, int skipped, boolean overflow,
            String... cookies) {
        List<String> actual = result.cookies().stream().map(c -> c.name() + "=" + c.value()).toList();
        assertEquals(List.of(cookies), actual, "cookies");
        assertEquals(skipped, result.skipped(), "skipped");
        assertEquals(overflow, result.overflow(), "overflow");
    }

    private static List<String> numbered(int n) {
        List<String> pairs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            pairs.add("c" + i + "=v" + i);
        }
        return pairs;
    }
}
