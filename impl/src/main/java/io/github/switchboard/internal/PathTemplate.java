package io.github.switchboard.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Extracts the variables of a JSR 356 path template ({@code /chat/{room}}) from a raw request
 * path the way Tyrus does when it matches the endpoint: each segment is cut at its first
 * {@code ;} (matrix parameters), then percent-decoded as UTF-8 ({@code +} stays a plus in a
 * path). The container has already matched the path to the template; this only reads the
 * values. In a Servlet container the request path starts with the application's context path
 * ({@code /app/chat/lobby}), which the container strips before it matches; templates have a
 * fixed number of segments, so the template is aligned with the path's last segments. Never
 * throws: a path that does not fit the template yields no values.
 */
final class PathTemplate {

    private PathTemplate() {
    }

    static Map<String, String> match(String template, String rawPath) {
        if (template == null || template.indexOf('{') < 0) {
            return Map.of();
        }
        String[] t = template.split("/", -1);
        String[] p = rawPath.split("/", -1);
        if (t.length > p.length) {
            return Map.of();
        }
        int contextSegments = p.length - t.length;
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < t.length; i++) {
            String seg = t[i];
            if (seg.length() > 2 && seg.startsWith("{") && seg.endsWith("}")) {
                out.put(seg.substring(1, seg.length() - 1),
                        decodePath(withoutParameters(p[contextSegments + i])));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * A raw path with each segment cut at its first {@code ;}: the matrix parameters Tyrus drops
     * before it matches the endpoint ({@code /rooms/admin;x=1} matches {@code {room}} as
     * {@code admin}). Guards must see exactly what the endpoint will be given.
     */
    static String withoutParameters(String rawPath) {
        if (rawPath.indexOf(';') < 0) {
            return rawPath;
        }
        String[] segments = rawPath.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            int semi = segments[i].indexOf(';');
            if (semi >= 0) {
                segments[i] = segments[i].substring(0, semi);
            }
        }
        return String.join("/", segments);
    }

    /** Percent-decodes a raw path as UTF-8, leaving {@code +} and invalid escapes as they are. */
    static String decodePath(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        return QueryParser.decode(raw.replace("+", "%2B"), 0, raw.replace("+", "%2B").length());
    }
}
