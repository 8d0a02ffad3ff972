package io.github.switchboard.bench;

import io.github.switchboard.Attachments;
import io.github.switchboard.GuardResult;
import io.github.switchboard.Handshake;
import io.github.switchboard.HandshakeGuard;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Admits a connection with a non-empty {@code name} query parameter and attaches it, as a real
 * application would.
 */
@ApplicationScoped
public class ChatNameGuard implements HandshakeGuard {

    @Override
    public GuardResult check(Handshake handshake, Attachments attached) {
        String name = handshake.queryParameter("name").orElse("");
        if (name.isEmpty() || name.length() > 64) {
            return GuardResult.reject(401, "Unauthorized");
        }
        return GuardResult.accept(ChatName.class, new ChatName(name));
    }
}
