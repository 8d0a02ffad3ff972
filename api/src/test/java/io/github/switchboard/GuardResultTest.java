package io.github.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GuardResultTest {

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 101, 200, 204, 301, 302, 399, 600, 1000})
    void statusesOutsideTheErrorRangeAreRefused(int status) {
        assertThrows(IllegalArgumentException.class, () -> GuardResult.reject(status, "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bad\r\nSet-Cookie: x=1", "line\nbreak", "nul\0", "caf\u00e9"})
    void reasonPhrasesThatCouldSplitTheResponseOrAreNotAsciiAreRefused(String reason) {
        assertThrows(IllegalArgumentException.class, () -> GuardResult.reject(401, reason));
    }

    @Test
    void overlongReasonIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> GuardResult.reject(401, "x".repeat(201)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Upgrade", "connection", "Sec-WebSocket-Accept", "Content-Length",
            "Transfer-Encoding", "sec-websocket-protocol"})
    void upgradeAndFramingHeadersCannotBeSet(String name) {
        assertThrows(IllegalArgumentException.class,
                () -> GuardResult.reject(401, "x").withHeader(name, "v"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bad Name", "a:b", "x\r\ny"})
    void headerNamesMustBeTokens(String name) {
        assertThrows(IllegalArgumentException.class,
                () -> GuardResult.reject(401, "x").withHeader(name, "v"));
    }

    @Test
    void headerValuesCannotCarryLineBreaks() {
        assertThrows(IllegalArgumentException.class,
                () -> GuardResult.reject(401, "x").withHeader("WWW-Authenticate", "a\r\nb: c"));
    }

    @Test
    void headersAccumulateInOrderAndStayImmutable() {
        GuardResult.Reject r = GuardResult.reject(401, "Unauthorized")
                .withHeader("WWW-Authenticate", "Bearer")
                .withHeader("WWW-Authenticate", "Basic realm=\"x\"")
                .withHeader("Retry-After", "5");
        assertEquals(Map.of("WWW-Authenticate", List.of("Bearer", "Basic realm=\"x\""),
                "Retry-After", List.of("5")), r.headers());
        assertThrows(UnsupportedOperationException.class, () -> r.headers().clear());
    }

    @Test
    void acceptCarriesTypedData() {
        Key<String> k = Key.of("k", String.class);
        GuardResult.Accept a = GuardResult.accept(k, "v").with(Integer.class, 7);
        assertEquals("v", a.data().require(k));
        assertEquals(7, a.data().get(Integer.class).orElseThrow());
    }
}
