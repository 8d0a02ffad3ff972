package io.github.switchboard.demo;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The demo's sign-in: a cookie holding the name and when it was issued, signed with
 * HMAC-SHA256. The key is random for each start (everyone signs in again after a restart) unless
 * the system property {@value #KEY_PROPERTY} gives one (base64, at least 32 bytes), which keeps
 * sessions across restarts. Thread-safe.
 */
@ApplicationScoped
public class SessionCookies {

    /** The cookie's name. */
    public static final String NAME = "sb_session";
    /** The system property with a base64 key of at least 32 bytes. */
    public static final String KEY_PROPERTY = "switchboard.demo.session-key";
    /** How long a session lasts. */
    public static final Duration LIFETIME = Duration.ofHours(12);
    /** The longest name, in code points. */
    public static final int MAX_NAME = 32;

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private byte[] key;
    private Clock clock = Clock.systemUTC();

    @PostConstruct
    void init() {
        String configured = System.getProperty(KEY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            key = Base64.getDecoder().decode(configured.trim());
            if (key.length < 32) {
                throw new IllegalStateException(KEY_PROPERTY + " must hold at least 32 bytes");
            }
        } else {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        }
    }

    /**
     * The name as it will be shown, or empty when it is not acceptable: trimmed, 1 to
     * {@value #MAX_NAME} code points, no control or invisible formatting characters. Markup
     * is allowed on purpose: the page shows names as text.
     */
    public static Optional<String> validName(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String name = raw.strip();
        int length = name.codePointCount(0, name.length());
        if (length < 1 || length > MAX_NAME) {
            return Optional.empty();
        }
        boolean clean = name.codePoints().allMatch(c -> Character.getType(c) != Character.CONTROL
                && Character.getType(c) != Character.FORMAT
                && Character.getType(c) != Character.SURROGATE
                && Character.getType(c) != Character.UNASSIGNED);
        return clean ? Optional.of(name) : Optional.empty();
    }

    /** A signed cookie value for {@code name} (already valid). */
    public String issue(String name) {
        String payload = "v1." + B64.encodeToString(name.getBytes(StandardCharsets.UTF_8)) + "."
                + clock.instant().getEpochSecond();
        return payload + "." + B64.encodeToString(mac(payload));
    }

    /** The {@code Set-Cookie} value that signs {@code name} in. */
    public String setCookie(String name, boolean secure) {
        return NAME + "=" + issue(name) + "; Path=/; Max-Age=" + LIFETIME.toSeconds()
                + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    /** The {@code Set-Cookie} value that signs out. */
    public static String clearCookie() {
        return NAME + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict";
    }

    /**
     * The name in the request's session cookie, or empty when there is none, more than one,
     * or it is unsigned, forged, malformed or expired.
     */
    public Optional<String> verify(List<String> cookieValues) {
        if (cookieValues.size() != 1) {
            return Optional.empty(); // none, or a second one planted next to ours
        }
        String value = cookieValues.get(0);
        int sig = value.lastIndexOf('.');
        if (value.length() > 512 || sig < 0 || !value.startsWith("v1.")) {
            return Optional.empty();
        }
        String payload = value.substring(0, sig);
        byte[] given;
        try {
            given = B64D.decode(value.substring(sig + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac(payload), given)) {
            return Optional.empty();
        }
        String[] parts = payload.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            long issued = Long.parseLong(parts[2]);
            long age = clock.instant().getEpochSecond() - issued;
            if (age < -60 || age > LIFETIME.toSeconds()) {
                return Optional.empty();
            }
            return validName(new String(B64D.decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
