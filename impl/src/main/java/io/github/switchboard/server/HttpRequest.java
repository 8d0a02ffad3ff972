package io.github.switchboard.server;

import io.github.switchboard.RequestCookie;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plain HTTP request as an {@link HttpHandler} sees it: an immutable snapshot taken before the
 * handler runs, with the body already read (at most {@link #MAX_BODY_BYTES}; a larger one was
 * answered with {@code 413} without calling the handler). Header names are case-insensitive;
 * values and cookies keep the client's text. Nothing here returns null. Thread-safe.
 */
public interface HttpRequest {

    /** The largest request body the server reads for a handler, in bytes: 64 KiB. */
    int MAX_BODY_BYTES = 64 * 1024;

    /** The method in upper case, for example {@code POST}. */
    String method();

    /** The decoded path, for example {@code /broadcast}; the route's path exactly. */
    String path();

    /** Every query parameter, decoded, values in order; empty when there is none. */
    Map<String, List<String>> queryParameters();

    /** The first value of the query parameter {@code name}. */
    default Optional<String> queryParameter(String name) {
        List<String> values = queryParameters().getOrDefault(name, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every value of the header {@code name} (any case), in order; empty when absent. */
    List<String> headers(String name);

    /** The first value of the header {@code name} (any case). */
    default Optional<String> header(String name) {
        List<String> values = headers(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The request's cookies in header order (RFC 6265), duplicate names kept. */
    List<RequestCookie> cookies();

    /** The values of every cookie named exactly {@code name}, in order. */
    default List<String> cookies(String name) {
        return cookies().stream().filter(c -> c.name().equals(name)).map(RequestCookie::value)
                .toList();
    }

    /** The body, a copy; empty when there was none. */
    byte[] body();

    /** The body decoded as UTF-8 (malformed bytes become U+FFFD). */
    String bodyText();

    /**
     * The form fields of an {@code application/x-www-form-urlencoded} body, decoded, values in
     * order; empty for any other content type.
     */
    Map<String, List<String>> formParameters();

    /** The first value of the form field {@code name}. */
    default Optional<String> formParameter(String name) {
        List<String> values = formParameters().getOrDefault(name, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The client's address as the server's socket sees it (no proxy header is trusted). */
    InetSocketAddress remoteAddress();

    /** Whether the request arrived over TLS. */
    boolean secure();
}
