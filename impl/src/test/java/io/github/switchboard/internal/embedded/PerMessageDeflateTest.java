package io.github.switchboard.internal.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.websocket.Extension;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Negotiation of permessage-deflate (RFC 7692 §7.1), offer by offer. */
class PerMessageDeflateTest {

    private static final PerMessageDeflate INSTALLED = new PerMessageDeflate(1 << 20);

    /** An offer as a client writes it: {@code "permessage-deflate; a; b=1"}. */
    private static Extension offer(String text) {
        String[] parts = text.split(";");
        List<Extension.Parameter> params = Arrays.stream(parts).skip(1).map(String::trim)
                .map(p -> {
                    int eq = p.indexOf('=');
                    return (Extension.Parameter) (eq < 0 ? new PerMessageDeflate.Param(p, null)
                            : new PerMessageDeflate.Param(p.substring(0, eq), p.substring(eq + 1)));
                }).toList();
        return new Extension() {
            @Override
            public String getName() {
                return parts[0].trim();
            }

            @Override
            public List<Parameter> getParameters() {
                return params;
            }
        };
    }

    /** The answer's parameters, as the response header lists them; null when declined. */
    private static String answer(String... offers) {
        Extension chosen = INSTALLED.negotiate(Arrays.stream(offers).map(
                PerMessageDeflateTest::offer).toList());
        return chosen == null ? null : chosen.getParameters().stream()
                .map(p -> p.getValue() == null ? p.getName() : p.getName() + "=" + p.getValue())
                .collect(Collectors.joining("; "));
    }

    @Test
    void aPlainOfferGetsServerNoContextTakeover() {
        assertEquals("server_no_context_takeover", answer("permessage-deflate"));
    }

    @Test
    void whatBrowsersOfferIsAccepted() {
        assertEquals("server_no_context_takeover",
                answer("permessage-deflate; client_max_window_bits"));
        assertEquals("server_no_context_takeover",
                answer("permessage-deflate; client_max_window_bits=10"));
    }

    @Test
    void clientNoContextTakeoverIsAcknowledged() {
        assertEquals("server_no_context_takeover; client_no_context_takeover",
                answer("permessage-deflate; client_no_context_takeover"));
    }

    @Test
    void aFullWindowLimitIsAnsweredAndASmallerOneDeclined() {
        assertEquals("server_no_context_takeover; server_max_window_bits=15",
                answer("permessage-deflate; server_max_window_bits=15"));
        assertNull(answer("permessage-deflate; server_max_window_bits=10"),
                "the JDK's deflater cannot keep to a 1 KiB window");
    }

    @Test
    void aLaterOfferIsTakenWhenAnEarlierOneCannotBeHonoured() {
        assertEquals("server_no_context_takeover; client_no_context_takeover", answer(
                "permessage-deflate; server_max_window_bits=9",
                "permessage-deflate; client_no_context_takeover"));
    }

    @Test
    void invalidOffersAreDeclined() {
        assertNull(answer("permessage-deflate; unknown_parameter"));
        assertNull(answer("permessage-deflate; client_no_context_takeover; "
                + "client_no_context_takeover"), "a parameter given twice");
        assertNull(answer("permessage-deflate; server_no_context_takeover=1"),
                "a flag with a value");
        assertNull(answer("permessage-deflate; client_max_window_bits=16"));
        assertNull(answer("permessage-deflate; client_max_window_bits=7"));
        assertNull(answer("permessage-deflate; client_max_window_bits=010"));
        assertNull(answer("permessage-deflate; server_max_window_bits"), "needs a value");
        assertNull(answer("x-webkit-deflate-frame"), "another extension");
    }

    @Test
    void aQuotedValueCounts() {
        assertEquals("server_no_context_takeover; server_max_window_bits=15",
                answer("permessage-deflate; server_max_window_bits=\"15\""));
    }
}
