package io.github.switchboard.docs.operations;

import io.github.switchboard.Attachments;
import io.github.switchboard.GuardResult;
import io.github.switchboard.Handshake;
import io.github.switchboard.HandshakeGuard;
import io.github.switchboard.Key;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Admits a connection with a valid bearer token, until the token expires. */
@ApplicationScoped
public class TokenGuard implements HandshakeGuard {

    static final Key<String> TENANT = Key.of("tenant", String.class);

    @Inject
    Tokens tokens;

    @Override
    public GuardResult check(Handshake handshake, Attachments attached) {
        return handshake.header("Authorization")
                .filter(h -> h.startsWith("Bearer "))
                .flatMap(h -> tokens.verify(h.substring(7)))
                .<GuardResult>map(claims -> GuardResult.accept(TENANT, claims.tenant())
                        .expiresAt(claims.expiresAt()))
                .orElseGet(() -> GuardResult.reject(401, "Unauthorized")
                        .withHeader("WWW-Authenticate", "Bearer"));
    }
}
