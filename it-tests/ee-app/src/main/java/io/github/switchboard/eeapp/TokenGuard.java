package io.github.switchboard.eeapp;

import io.github.switchboard.Attachments;
import io.github.switchboard.GuardResult;
import io.github.switchboard.Handshake;
import io.github.switchboard.HandshakeGuard;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The application's authentication: {@code ?token=<name>} is the user; no token is 401 with a
 * {@code WWW-Authenticate} challenge, the token {@code banned} is 403.
 */
@ApplicationScoped
public class TokenGuard implements HandshakeGuard {

    @Override
    public GuardResult check(Handshake handshake, Attachments attached) {
        String token = handshake.queryParameter("token").orElse("");
        if (token.isEmpty()) {
            return GuardResult.reject(401, "Unauthorized")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"ee\"");
        }
        if (token.equals("banned")) {
            return GuardResult.reject(403, "Forbidden");
        }
        return GuardResult.accept(ChatUser.class, new ChatUser(token));
    }
}
