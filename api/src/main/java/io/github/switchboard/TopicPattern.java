package io.github.switchboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A topic pattern for {@link TopicPolicy} implementations: literal text, {@code *} for one
 * segment (any characters but {@code :}, at least one), and {@code {name}} for one segment that
 * must equal the connection's attached {@code String} data under {@code Key.of(name, String.class)}
 * (absent data never matches). Matching is exact and case-sensitive:
 * {@code TopicPattern.of("tenant:{tenant}:*")} matches {@code tenant:acme:chat} for a connection
 * whose guard attached {@code tenant = "acme"}, and neither {@code Tenant:acme:chat} nor
 * {@code tenant:acme:chat:x}. Immutable and thread-safe.
 */
public final class TopicPattern {

    private final String pattern;
    /** Literal parts and placeholders, in order; a placeholder is "*" or "{name}". */
    private final List<String> parts;

    private TopicPattern(String pattern, List<String> parts) {
        this.pattern = pattern;
        this.parts = parts;
    }

    /**
     * Parses {@code pattern}.
     *
     * @throws IllegalArgumentException for an empty pattern, an unclosed or empty {@code {}}, or
     *         two placeholders with nothing between them
     */
    public static TopicPattern of(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException("a topic pattern must not be empty");
        }
        List<String> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (ch == '*' || ch == '{') {
                String placeholder;
                if (ch == '*') {
                    placeholder = "*";
                } else {
                    int end = pattern.indexOf('}', i);
                    if (end < 0 || end == i + 1) {
                        throw new IllegalArgumentException("unclosed or empty {} in " + pattern);
                    }
                    placeholder = pattern.substring(i, end + 1);
                    i = end;
                }
                if (literal.length() == 0 && !parts.isEmpty() && isPlaceholder(last(parts))) {
                    throw new IllegalArgumentException("two placeholders in a row in " + pattern);
                }
                if (literal.length() > 0) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                parts.add(placeholder);
            } else {
                literal.append(ch);
            }
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
        }
        return new TopicPattern(pattern, List.copyOf(parts));
    }

    private static String last(List<String> parts) {
        return parts.get(parts.size() - 1);
    }

    private static boolean isPlaceholder(String part) {
        return part.equals("*") || part.startsWith("{");
    }

    /** Whether {@code topic} matches, with {@code {name}} taken from {@code connection}'s data. */
    public boolean matches(String topic, Connection connection) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(connection, "connection");
        return match(topic, 0, 0, connection);
    }

    private boolean match(String topic, int at, int part, Connection connection) {
        if (part == parts.size()) {
            return at == topic.length();
        }
        String p = parts.get(part);
        if (!isPlaceholder(p)) {
            return topic.startsWith(p, at) && match(topic, at + p.length(), part + 1, connection);
        }
        int end = at;
        while (end < topic.length() && topic.charAt(end) != ':') {
            end++;
        }
        if (end == at) {
            return false; // a placeholder stands for at least one character
        }
        if (p.equals("*")) {
            // the segment may end before the next literal: try each end, shortest first
            for (int e = at + 1; e <= end; e++) {
                if (match(topic, e, part + 1, connection)) {
                    return true;
                }
            }
            return false;
        }
        Optional<String> value = connection.data(Key.of(p.substring(1, p.length() - 1), String.class));
        return value.isPresent() && !value.get().isEmpty() && topic.startsWith(value.get(), at)
                && value.get().indexOf(':') < 0
                && match(topic, at + value.get().length(), part + 1, connection);
    }

    @Override
    public String toString() {
        return pattern;
    }
}
