package io.github.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class TopicPatternTest {

    /** A connection whose only behaviour is its attached data. */
    private static Connection withData(Attachments data) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("data") && (args == null || args.length == 0)) {
                        return data;
                    }
                    if (method.isDefault()) {
                        return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static final Connection ACME = withData(Attachments.empty()
            .with(Key.of("tenant", String.class), "acme").with(Key.of("id", String.class), "u7"));
    private static final Connection NOBODY = withData(Attachments.empty());

    @Test
    void literalsMatchExactlyAndCaseSensitively() {
        TopicPattern p = TopicPattern.of("lobby");
        assertTrue(p.matches("lobby", NOBODY));
        assertFalse(p.matches("Lobby", NOBODY));
        assertFalse(p.matches("lobby2", NOBODY));
        assertFalse(p.matches("lob", NOBODY));
    }

    @Test
    void aStarIsOneNonEmptySegment() {
        TopicPattern p = TopicPattern.of("room:*");
        assertTrue(p.matches("room:lobby", NOBODY));
        assertFalse(p.matches("room:", NOBODY), "at least one character");
        assertFalse(p.matches("room:a:b", NOBODY), "never across a colon");
        TopicPattern mid = TopicPattern.of("room:*:chat");
        assertTrue(mid.matches("room:x:chat", NOBODY));
        assertFalse(mid.matches("room:x:y:chat", NOBODY));
        assertTrue(TopicPattern.of("a*z").matches("abcz", NOBODY), "shortest end first, then longer");
    }

    @Test
    void aPlaceholderMustEqualTheConnectionsOwnData() {
        TopicPattern p = TopicPattern.of("tenant:{tenant}:*");
        assertTrue(p.matches("tenant:acme:chat", ACME));
        assertFalse(p.matches("tenant:globex:chat", ACME));
        assertFalse(p.matches("tenant:acmex:chat", ACME), "the whole segment, not a prefix");
        assertFalse(p.matches("tenant:acme:chat", NOBODY), "absent data never matches");
        assertTrue(TopicPattern.of("user:{id}").matches("user:u7", ACME));
        assertFalse(TopicPattern.of("user:{id}").matches("user:u7:x", ACME));
    }

    @Test
    void dataWithAColonNeverMatchesASegment() {
        Connection tricky = withData(Attachments.empty().with(Key.of("tenant", String.class), "a:b"));
        assertFalse(TopicPattern.of("tenant:{tenant}:*").matches("tenant:a:b:c", tricky));
    }

    @Test
    void malformedPatternsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> TopicPattern.of(""));
        assertThrows(IllegalArgumentException.class, () -> TopicPattern.of("a:{b"));
        assertThrows(IllegalArgumentException.class, () -> TopicPattern.of("a:{}"));
        assertThrows(IllegalArgumentException.class, () -> TopicPattern.of("**"));
        assertThrows(IllegalArgumentException.class, () -> TopicPattern.of("{a}{b}"));
        assertEquals("room:*", TopicPattern.of("room:*").toString());
    }
}
