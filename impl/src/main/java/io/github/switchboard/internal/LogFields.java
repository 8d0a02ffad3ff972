package io.github.switchboard.internal;

import io.github.switchboard.Handshake;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The structured log lines of a connection's life (issue 11 §5): {@code key=value} pairs after a
 * stable id, with the connection id, and never a secret. What a client controls is escaped (no
 * line breaks, quotes where needed, at most {@value #MAX_VALUE} characters); query values, cookie
 * values and the {@code Authorization} header are never printed, only that they are there; the
 * endpoint is logged by its template, not by the requested path (which may carry tokens).
 * Stateless.
 */
public final class LogFields {

    static final int MAX_VALUE = 200;

    private LogFields() {
    }

    /** {@code SWB-1117 opened connection=… endpoint=… remote=… query=a=<redacted> …}. */
    public static String opened(String id, Handshake h) {
        StringJoiner query = new StringJoiner("&");
        for (Map.Entry<String, List<String>> e : h.queryParameters().entrySet()) {
            for (int i = 0; i < e.getValue().size(); i++) {
                query.add(e.getKey() + "=<redacted>");
            }
        }
        return "SWB-1117 opened connection=" + id
                + " endpoint=" + value(h.endpointPath())
                + " remote=" + h.remoteAddress().map(a -> value(a.getAddress() == null
                        ? a.getHostString() : a.getAddress().getHostAddress() + ":" + a.getPort()))
                        .orElse("unknown")
                + " origin=" + h.origin().map(LogFields::value).orElse("none")
                + " query=" + (query.length() == 0 ? "none" : value(query.toString()))
                + " cookies=" + h.cookies().size()
                + " authorization=" + (h.header("authorization").isPresent() ? "<redacted>" : "none")
                + " subprotocols=" + h.subprotocols().size()
                + " secure=" + h.secure();
    }

    /** {@code SWB-1118 closed connection=… code=…}. */
    public static String closed(String id, int code) {
        return "SWB-1118 closed connection=" + id + " code=" + code;
    }

    /**
     * A value as it may appear in a line: control characters and non-ASCII escaped as
     * {@code \\uXXXX}, quoted when it holds a space, a quote or an {@code =}, cut at
     * {@value #MAX_VALUE} characters (marked with {@code …}).
     */
    static String value(String raw) {
        if (raw == null) {
            return "none";
        }
        boolean cut = raw.length() > MAX_VALUE;
        String s = cut ? raw.substring(0, MAX_VALUE) : raw;
        StringBuilder b = new StringBuilder(s.length() + 8);
        boolean quote = s.isEmpty();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else if (c == '"' || c == '\\') {
                b.append('\\').append(c);
                quote = true;
            } else {
                quote |= c == ' ' || c == '=';
                b.append(c);
            }
        }
        if (cut) {
            b.append("\\u2026");
        }
        return quote ? "\"" + b + "\"" : b.toString();
    }
}
