package io.github.switchboard.docs.operations;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/**
 * A stand-in for a real token verifier (a JWT library checking a signature): a token is
 * {@code user.tenant.expiryEpochSeconds}; anything else is invalid.
 */
@ApplicationScoped
public class Tokens {

    /** What a valid token says. */
    public record Claims(String user, String tenant, Instant expiresAt) {
    }

    /** The token's claims, or empty when it is invalid or expired. */
    public Optional<Claims> verify(String token) {
        String[] p = token == null ? new String[0] : token.split("\\.");
        if (p.length != 3) {
            return Optional.empty();
        }
        try {
            Instant exp = Instant.ofEpochSecond(Long.parseLong(p[2]));
            return exp.isAfter(Instant.now())
                    ? Optional.of(new Claims(p[0], p[1], exp)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
