package io.github.switchboard.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an {@link HttpHandler} answers: status, content type, body and extra headers. Immutable
 * and thread-safe; the {@code with…} methods return a copy.
 *
 * <p>The server adds {@code Content-Length}, {@code X-Content-Type-Options: nosniff}, and
 * {@code Cache-Control: no-store} unless a {@code Cache-Control} header was given.
 * Header names and values may not contain control characters (no response splitting), and
 * the headers the server itself manages ({@code Content-Length}, {@code Content-Type},
 * {@code Transfer-Encoding}, {@code Connection}) cannot be set here.
 */
public final class HttpResponse {

    private static final Set<String> MANAGED = Set.of("content-length", "content-type",
            "transfer-encoding", "connection");
    private static final byte[] NO_BODY = new byte[0];

    private final int status;
    private final String contentType;
    private final byte[] body;
    private final List<Map.Entry<String, String>> headers;

    private HttpResponse(int status, String contentType, byte[] body,
            List<Map.Entry<String, String>> headers) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status must be 200-599, not " + status);
        }
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.headers = List.copyOf(headers);
    }

    /** A {@code text/plain; charset=utf-8} response. */
    public static HttpResponse text(int status, String text) {
        return of(status, "text/plain; charset=utf-8",
                Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8));
    }

    /** An {@code application/json} response with {@code json} as its body, sent as given. */
    public static HttpResponse json(int status, String json) {
        return of(status, "application/json",
                Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8));
    }

    /** A response without a body, for example {@code 204}. */
    public static HttpResponse empty(int status) {
        return new HttpResponse(status, null, NO_BODY, List.of());
    }

    /**
     * A response with {@code body} (copied) of {@code contentType}.
     *
     * @throws IllegalArgumentException when the status is not 200-599 or the content type holds
     *         control characters
     */
    public static HttpResponse of(int status, String contentType, byte[] body) {
        Objects.requireNonNull(contentType, "contentType");
        checkText(contentType, "content type");
        return new HttpResponse(status, contentType, Objects.requireNonNull(body, "body").clone(),
                List.of());
    }

    /**
     * This response with one more header line (several lines of one name are kept, as
     * {@code Set-Cookie} needs).
     *
     * @throws IllegalArgumentException when the name is not a token, a value holds control
     *         characters, or the server manages that header
     */
    public HttpResponse withHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty() || !name.chars().allMatch(HttpResponse::isTokenChar)) {
            throw new IllegalArgumentException("not a header name: '" + name + "'");
        }
        if (MANAGED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("the server sets " + name + " itself");
        }
        checkText(value, "header value");
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new HttpResponse(status, contentType, body, more);
    }

    /** The status code, 200-599. */
    public int status() {
        return status;
    }

    /** The content type; null for a response without body. */
    public String contentType() {
        return contentType;
    }

    /** The body, a copy; empty for none. */
    public byte[] body() {
        return body.clone();
    }

    /** The extra header lines in order, unmodifiable. */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    @Override
    public String toString() {
        return "HttpResponse[" + status + ", " + contentType + ", " + body.length + " bytes]";
    }

    private static void checkText(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new IllegalArgumentException(what + " with a control character");
            }
        }
    }

    private static boolean isTokenChar(int c) {
        return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
}
