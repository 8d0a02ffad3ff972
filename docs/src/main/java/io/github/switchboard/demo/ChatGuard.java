package io.github.switchboard.demo;

import io.github.switchboard.Attachments;
import io.github.switchboard.GuardResult;
import io.github.switchboard.Handshake;
import io.github.switchboard.HandshakeGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/**
 * Admits a chat connection only with a valid signed session cookie (set by {@link SignIn}), and
 * attaches the typed {@link ChatUser}. A missing, unsigned, forged, expired or doubled cookie is
 * refused with 401 before any endpoint exists. The origin check (same-origin by default) ran
 * before this guard.
 */
@ApplicationScoped
public class ChatGuard implements HandshakeGuard {

    @Inject
    SessionCookies sessions;

    @Override
    public GuardResult check(Handshake handshake, Attachments attached) {
        Optional<String> name = handshake.cookiesTrusted()
                ? sessions.verify(handshake.cookies(SessionCookies.NAME))
                : Optional.empty();
        if (name.isEmpty()) {
            return GuardResult.reject(401, "Unauthorized");
        }
        return GuardResult.accept(ChatUser.class, new ChatUser(name.get(), Instant.now()));
    }
}
