package io.github.switchboard.testkit.example;

import io.github.switchboard.Attachments;
import io.github.switchboard.GuardResult;
import io.github.switchboard.Handshake;
import io.github.switchboard.HandshakeGuard;
import io.github.switchboard.Key;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Admits upgrades that carry {@code Authorization: Bearer test-token} (else 401) and a
 * {@code user} cookie (else 403), and attaches the user.
 */
@ApplicationScoped
public class TokenGuard implements HandshakeGuard {

    public static final Key<String> USER = Key.of("user", String.class);

    @Override
    public GuardResult check(Handshake handshake, Attachments attached) {
        if (handshake.header("Authorization").filter("Bearer test-token"::equals).isEmpty()) {
            return GuardResult.reject(401, "Unauthorized").withHeader("WWW-Authenticate", "Bearer");
        }
        return handshake.cookie("user")
                .<GuardResult>map(user -> GuardResult.accept(USER, user))
                .orElseGet(() -> GuardResult.reject(403, "No User"));
    }
}
