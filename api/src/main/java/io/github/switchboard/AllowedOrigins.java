package io.github.switchboard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The browser origins an endpoint accepts, overriding the server-wide setting. Without it (and
 * without a server-wide list) an endpoint accepts same-origin browser requests only: an
 * {@code Origin} whose scheme, host and port equal the request's {@code Host}.
 *
 * <p>Each entry is an exact origin, {@code scheme://host[:port]}; scheme and host are compared
 * case-insensitively and a default port ({@code 80} for http, {@code 443} for https) may be
 * omitted. There is no pattern matching. The single entry {@code "*"} accepts every origin and
 * must be chosen explicitly. A request without {@code Origin} does not come from a browser and is
 * always allowed; a repeated or comma-joined {@code Origin} is always refused. Refusal is
 * {@code 403 Forbidden}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AllowedOrigins {

    /** Exact origins, or {@code "*"} alone for any origin. */
    String[] value();
}
