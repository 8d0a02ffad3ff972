package io.github.switchboard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import org.junit.jupiter.api.Test;

class UriTextTest {

    @Test
    void legalTargetsAreLeftExactlyAsSent() {
        for (String s : new String[] {"/chat/lobby", "/a/b%20c/%C3%A9", "/x;y=1/z", "/a+b", "/-._~!$&'()*+,;=:@"}) {
            assertEquals(s, UriText.path(s));
        }
        assertEquals("a=1&b=%2F&c=?d", UriText.query("a=1&b=%2F&c=?d"));
    }

    @Test
    void charactersBrowsersLeaveUnencodedArePercentEncoded() {
        assertEquals("/a%7Cb%5Ec", UriText.path("/a|b^c"));
        assertEquals("f=%7B%22k%22:1%7D", UriText.query("f={\"k\":1}"));
        assertEquals("ids=%5B1,2%5D", UriText.query("ids=[1,2]"));
    }

    @Test
    void aPercentThatStartsNoEscapeBecomesAnEscapedPercent() {
        assertEquals("q=100%25", UriText.query("q=100%"));
        assertEquals("q=%25zz%25%41", UriText.query("q=%zz%%41"));
        assertEquals("q=%41", UriText.query("q=%41"), "a valid escape is never encoded twice");
    }

    @Test
    void encodingIsIdempotentAndTheResultParsesAsAUri() throws Exception {
        String once = UriText.query("a|b={x}&c=100%&d=[1]^`\\\"<>");
        assertEquals(once, UriText.query(once));
        new URI("/p?" + once);
        new URI(UriText.path("/p|q{r}[s]^t`u\\v\"w<x>"));
    }

    @Test
    void charactersBelow256AreEncodedAsTheByteTheyCameFrom() {
        // A server reads the request line as ISO-8859-1: raw UTF-8 "é" arrives as two chars.
        assertEquals("/caf%C3%A9", UriText.path("/caf\u00c3\u00a9"));
        assertEquals("/%E2%82%AC", UriText.path("/\u20ac"), "beyond 255: UTF-8");
        assertEquals("/%F0%9F%98%80", UriText.path("/\ud83d\ude00"));
    }

    @Test
    void nullStaysNull() {
        assertNull(UriText.query(null));
    }
}
