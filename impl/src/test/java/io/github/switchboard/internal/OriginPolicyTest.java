package io.github.switchboard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link OriginPolicy} against its Javadoc and DESIGN.md §3 "Origin". */
class OriginPolicyTest {

    private static final boolean SECURE = true;
    private static final boolean PLAIN = false;

    private static final OriginPolicy SAME = OriginPolicy.sameOrigin();
    private static final OriginPolicy ANY = OriginPolicy.allowAll();
    private static final OriginPolicy GOOD = OriginPolicy.of(List.of("https://good.example"));

    @Nested
    class SameOrigin {

        @Test
        void implicitDefaultPortsMatch() {
            assertAllowed(SAME, "https://example.com", "example.com", SECURE);
            assertAllowed(SAME, "http://example.com", "example.com", PLAIN);
        }

        @Test
        void explicitDefaultPortInTheOriginMatchesAnImplicitOneInHost() {
            assertAllowed(SAME, "https://example.com:443", "example.com", SECURE);
            assertAllowed(SAME, "http://example.com:80", "example.com", PLAIN);
        }

        @Test
        void explicitDefaultPortInHostMatchesAnImplicitOneInTheOrigin() {
            assertAllowed(SAME, "https://example.com", "example.com:443", SECURE);
            assertAllowed(SAME, "http://example.com", "example.com:80", PLAIN);
        }

        @Test
        void nonDefaultPortMustBeEqual() {
            assertAllowed(SAME, "http://localhost:8080", "localhost:8080", PLAIN);
            assertRefused(SAME, "http://localhost:8080", "localhost:8081", PLAIN, "cross-origin request");
            assertRefused(SAME, "http://localhost:8080", "localhost", PLAIN, "cross-origin request");
            assertRefused(SAME, "http://localhost", "localhost:8080", PLAIN, "cross-origin request");
        }

        @Test
        void schemeAndHostCompareCaseInsensitively() {
            assertAllowed(SAME, "HTTPS://Example.COM", "EXAMPLE.com", SECURE);
        }

        @Test
        void ipv6LiteralWithPortMatches() {
            assertAllowed(SAME, "http://[::1]:8080", "[::1]:8080", PLAIN);
            assertAllowed(SAME, "https://[::1]", "[::1]:443", SECURE);
            assertAllowed(SAME, "http://[::ABCD]", "[::abcd]", PLAIN);
            assertRefused(SAME, "http://[::1]:8080", "[::1]:8081", PLAIN, "cross-origin request");
            assertRefused(SAME, "http://[::1]:8080", "[::2]:8080", PLAIN, "cross-origin request");
        }

        @Test
        void crossOriginIsRefused() {
            assertRefused(SAME, "https://evil.com", "example.com", SECURE, "cross-origin request");
            assertRefused(SAME, "https://example.com.evil.com", "example.com", SECURE,
                    "cross-origin request");
            assertRefused(SAME, "https://sub.example.com", "example.com", SECURE,
                    "cross-origin request");
        }

        @Test
        void httpAndHttpsOfTheSameHostAreDifferentOrigins() {
            assertRefused(SAME, "http://example.com", "example.com", SECURE, "cross-origin request");
            assertRefused(SAME, "https://example.com", "example.com", PLAIN, "cross-origin request");
            // Even when the ports happen to be spelled out equal, the scheme still differs.
            assertRefused(SAME, "http://example.com:8443", "example.com:8443", SECURE,
                    "cross-origin request");
        }

        @Test
        void wsAndWssOriginsAreTheirHttpCounterparts() {
            assertAllowed(SAME, "ws://example.com", "example.com", PLAIN);
            assertAllowed(SAME, "wss://example.com", "example.com", SECURE);
            assertAllowed(SAME, "WSS://example.com:443", "example.com", SECURE);
            assertRefused(SAME, "ws://example.com", "example.com", SECURE, "cross-origin request");
            assertRefused(SAME, "wss://example.com", "example.com", PLAIN, "cross-origin request");
        }

        @Test
        void missingHostWithAnOriginIsRefused() {
            assertEquals(Optional.of("no valid Host header to compare the Origin with"),
                    SAME.refusal(List.of("https://example.com"), Optional.empty(), SECURE));
        }

        @Test
        void malformedHostWithAnOriginIsRefused() {
            for (String host : List.of("", " ", "exa mple.com", "example.com:", "example.com:0",
                    "example.com:99999", "user@example.com", "example.com/x", "[::1")) {
                assertRefused(SAME, "https://example.com", host, SECURE,
                        "no valid Host header to compare the Origin with");
            }
        }
    }

    @Nested
    class ServedHosts {

        private final OriginPolicy served =
                SAME.servingOnly(java.util.Set.of("localhost", "127.0.0.1", "Chat.Example"));

        @Test
        void aRebindingNameWithOriginEqualToHostIsRefused() {
            assertRefused(served, "http://rebind.attacker.example:8080", "rebind.attacker.example:8080",
                    PLAIN, "Host is not a name this server answers to");
            assertAllowed(SAME, "http://rebind.attacker.example:8080", "rebind.attacker.example:8080",
                    PLAIN);
        }

        @Test
        void servedNamesPassCaseInsensitively() {
            assertAllowed(served, "http://localhost:8080", "localhost:8080", PLAIN);
            assertAllowed(served, "http://127.0.0.1:8080", "127.0.0.1:8080", PLAIN);
            assertAllowed(served, "https://chat.example", "CHAT.example", SECURE);
        }

        @Test
        void aRequestWithoutOriginIsNotABrowserAndIsNotChecked() {
            assertEquals(Optional.empty(), served.refusal(List.of(), Optional.of("anything"), false));
        }

        @Test
        void explicitListsAndAllowAllIgnoreServedHosts() {
            OriginPolicy list = OriginPolicy.of(List.of("https://app.example"));
            assertSame(list, list.servingOnly(java.util.Set.of("localhost")));
            assertSame(OriginPolicy.allowAll(), OriginPolicy.allowAll().servingOnly(java.util.Set.of("x")));
        }
    }

    @Nested
    class AllowList {

        @Test
        void exactOriginIsAllowedAfterNormalisation() {
            assertAllowed(GOOD, "https://good.example", null, SECURE);
            assertAllowed(GOOD, "HTTPS://GOOD.EXAMPLE:443", null, SECURE);
            assertAllowed(GOOD, "wss://good.example", null, PLAIN);
        }

        @Test
        void allowListIgnoresTheRequestHostAndTransport() {
            assertAllowed(GOOD, "https://good.example", "other.example:8080", PLAIN);
        }

        @ParameterizedTest(name = "{0} is refused")
        @ValueSource(strings = {
            "https://good.example.evil.com",
            "https://evilgood.example",
            "https://good.example.evil",
            "https://good.examplf",
            "https://xgood.example",
            "http://good.example",
            "https://good.example:8443",
            "https://sub.good.example",
        })
        void lookAlikeOriginIsNotInTheList(String origin) {
            assertRefused(GOOD, origin, "good.example", SECURE, "Origin not in the allowed list");
        }

        @ParameterizedTest(name = "{0} is refused")
        @ValueSource(strings = {
            "https://good.example@evil.com",
            "https://evil.com@good.example",
            "https://good.example/x",
            "https://good.example/",
            "https://good.example?x=1",
            "https://good.example#x",
            "https://good.example:443/",
            "https://good.example:",
            "https://good.example:+443",
            "https://good.example:-1",
            "https://good.example.:443x",
            "https://gööd.example",
            "https://good example",
            "https:/good.example",
            "//good.example",
            "good.example",
            "ftp://good.example",
            "file://good.example",
            "https://",
            "",
        })
        void originThatIsNotExactlySchemeHostPortIsMalformed(String origin) {
            assertRefused(GOOD, origin, "good.example", SECURE, "malformed Origin");
        }

        @Test
        void nonDefaultPortEntryMatchesOnlyThatPort() {
            OriginPolicy policy = OriginPolicy.of(List.of("https://good.example:8443"));
            assertAllowed(policy, "https://good.example:8443", null, SECURE);
            assertRefused(policy, "https://good.example", null, SECURE, "Origin not in the allowed list");
        }

        @Test
        void wsEntryAllowsTheHttpOriginOnTheSamePort() {
            OriginPolicy policy = OriginPolicy.of(List.of("ws://good.example:8080", " WSS://Other.Example "));
            assertAllowed(policy, "http://good.example:8080", null, PLAIN);
            assertAllowed(policy, "https://other.example", null, PLAIN);
            assertRefused(policy, "https://good.example:8080", null, PLAIN,
                    "Origin not in the allowed list");
        }
    }

    @Nested
    class WhateverThePolicy {

        @Test
        void missingOriginIsAllowed() {
            for (OriginPolicy policy : List.of(SAME, GOOD, ANY)) {
                assertEquals(Optional.empty(), policy.refusal(List.of(), Optional.empty(), SECURE));
                assertEquals(Optional.empty(), policy.refusal(List.of(), Optional.of("x"), PLAIN));
            }
        }

        @Test
        void repeatedOriginIsRefused() {
            for (OriginPolicy policy : List.of(SAME, GOOD, ANY)) {
                assertEquals(Optional.of("repeated Origin header"), policy.refusal(
                        List.of("https://good.example", "https://good.example"),
                        Optional.of("good.example"), SECURE));
            }
        }

        @Test
        void commaJoinedOriginIsRefusedEvenUnderAllowAll() {
            for (OriginPolicy policy : List.of(SAME, GOOD, ANY)) {
                assertEquals(Optional.of("repeated Origin header"), policy.refusal(
                        List.of("https://good.example, https://evil.com"),
                        Optional.of("good.example"), SECURE));
                assertEquals(Optional.of("repeated Origin header"), policy.refusal(
                        List.of("https://good.example,"), Optional.of("good.example"), SECURE));
            }
        }

        @Test
        void nullOriginIsRefusedUnlessAllowAll() {
            assertRefused(SAME, "null", "example.com", SECURE, "malformed Origin");
            assertRefused(GOOD, "null", "good.example", SECURE, "malformed Origin");
            assertAllowed(ANY, "null", "example.com", SECURE);
        }

        @Test
        void allowAllAllowsAnySingleOriginEvenWithoutHost() {
            assertAllowed(ANY, "https://evil.com", null, SECURE);
            assertAllowed(ANY, "not an origin at all", null, PLAIN);
        }
    }

    @Nested
    class Ports {

        @ParameterizedTest(name = "port {0} is refused")
        @ValueSource(strings = {"0", "65536", "99999", "123456", "abc", "8o8o", "", " 80", "0x50", "٨٠"})
        void portOutOfRangeOrNotDecimalIsRefused(String port) {
            assertEquals(Optional.empty(), OriginPolicy.normalise("https://example.com:" + port));
            assertRefused(SAME, "https://example.com:" + port, "example.com", SECURE, "malformed Origin");
        }

        @Test
        void firstAndLastPortAreAccepted() {
            assertEquals(Optional.of("https://example.com:1"), OriginPolicy.normalise("https://example.com:1"));
            assertEquals(Optional.of("http://example.com:65535"),
                    OriginPolicy.normalise("ws://example.com:65535"));
        }
    }

    @Nested
    class Normalise {

        @Test
        void schemeAndHostAreLowerCasedAndTheDefaultPortMadeExplicit() {
            assertEquals(Optional.of("https://example.com:443"), OriginPolicy.normalise("HTTPS://Example.Com"));
            assertEquals(Optional.of("http://example.com:80"), OriginPolicy.normalise("http://example.com"));
            assertEquals(Optional.of("http://example.com:80"), OriginPolicy.normalise("ws://example.com"));
            assertEquals(Optional.of("https://example.com:443"), OriginPolicy.normalise("wss://example.com"));
            assertEquals(Optional.of("http://[::ab]:8080"), OriginPolicy.normalise("http://[::AB]:8080"));
        }

        @Test
        void normalisedFormNormalisesToItself() {
            for (String s : List.of("https://Example.com", "ws://a:1", "wss://[::1]", "http://x_y.z:65535")) {
                String once = OriginPolicy.normalise(s).orElseThrow();
                assertEquals(Optional.of(once), OriginPolicy.normalise(once), s);
            }
        }

        @Test
        void malformedIpv6LiteralsAreRefused() {
            for (String s : List.of("http://[::1", "http://[::1]x", "http://[::1]:", "http://[::g]",
                    "http://[::1]]", "http://::1", "http://[::1]:8080:80")) {
                assertEquals(Optional.empty(), OriginPolicy.normalise(s), s);
            }
        }

        /** An empty bracket pair names no host at all. */
        @Test
        void emptyIpv6LiteralIsNotAnOrigin() {
            assertEquals(Optional.empty(), OriginPolicy.normalise("http://[]"));
        }

        /** Fullwidth and Arabic-Indic digits are not hexadecimal digits of an IPv6 address. */
        @Test
        void ipv6LiteralWithNonAsciiDigitsIsNotAnOrigin() {
            assertEquals(Optional.empty(), OriginPolicy.normalise("http://[\uFF11::\uFF11]"));
            assertEquals(Optional.empty(), OriginPolicy.normalise("http://[::\u0661]"));
        }

        /**
         * The same origin must get the same verdict however its default port is written: the
         * longest host accepted without a port must also be accepted with its default port, or
         * normalising a normalised value would refuse it (the fuzz test's idempotence property).
         */
        @Test
        void explicitDefaultPortDoesNotChangeTheVerdictForTheLongestAcceptedHost() {
            String host = "a".repeat(OriginPolicy.MAX_HOST_LENGTH);
            Optional<String> once = OriginPolicy.normalise("http://" + host);
            assertEquals(Optional.of("http://" + host + ":80"), once);
            assertEquals(once, OriginPolicy.normalise(once.get()));
        }

        @Test
        void overlongHostIsRefusedWithOrWithoutPort() {
            String host = "a".repeat(OriginPolicy.MAX_HOST_LENGTH + 1);
            assertEquals(Optional.empty(), OriginPolicy.normalise("http://" + host));
            assertEquals(Optional.empty(), OriginPolicy.normalise("http://" + host + ":80"));
        }
    }

    @Nested
    class Configuration {

        @Test
        void emptyListIsSameOrigin() {
            assertSame(OriginPolicy.sameOrigin(), OriginPolicy.of(List.of()));
        }

        @Test
        void starAloneIsAllowAll() {
            assertSame(OriginPolicy.allowAll(), OriginPolicy.of(List.of("*")));
        }

        @Test
        void starMixedWithOtherEntriesIsRejected() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OriginPolicy.of(List.of("*", "https://good.example")));
            assertTrue(e.getMessage().contains("\"*\""), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> OriginPolicy.of(List.of("https://a.example", "*")));
        }

        @ParameterizedTest(name = "entry ''{0}'' is rejected")
        @ValueSource(strings = {"good.example", "https://good.example/", "https://good.example/app",
            "ftp://good.example", "https://user@good.example", "https://good.example:0",
            "https://good.example:65536", "null", "", "https://*.good.example", "https://", " * "})
        void entryThatIsNotAnOriginIsRejectedByName(String entry) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OriginPolicy.of(List.of("https://fine.example", entry)));
            assertTrue(e.getMessage().contains("'" + entry + "'"), e.getMessage());
        }

        @Test
        void toStringNamesThePolicy() {
            assertEquals("same-origin", OriginPolicy.sameOrigin().toString());
            assertEquals("any origin", OriginPolicy.allowAll().toString());
            assertEquals("origins [https://good.example:443]", GOOD.toString());
        }
    }

    // ----------------------------------------------------------------------------- helpers

    private static void assertAllowed(OriginPolicy policy, String origin, String host, boolean secure) {
        assertEquals(Optional.empty(), policy.refusal(List.of(origin), Optional.ofNullable(host), secure),
                () -> policy + " refused " + origin + " for Host " + host);
    }

    private static void assertRefused(OriginPolicy policy, String origin, String host, boolean secure,
            String reason) {
        assertEquals(Optional.of(reason), policy.refusal(List.of(origin), Optional.ofNullable(host), secure),
                () -> policy + " on " + origin + " for Host " + host);
    }
}
