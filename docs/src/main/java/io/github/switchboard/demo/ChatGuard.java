package io.github.switchboard.demo;

import io.github.switchboard.Attachments;
import io.github.switchboard.GuardResult;
import io.github.switchboard.Handshake;
import io.github.switchboard.HandshakeGuard;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Admits a chat connection only with a valid {@code name} and room, and attaches the typed
 * {@link ChatUser}. This is where a real application would check a session cookie or a token.
 */
@ApplicationScoped
public class ChatGuard implements HandshakeGuard {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,24}");
    private static final Pattern ROOM = Pattern.compile("[a-z0-9-]{1,32}");

    @Override
    public GuardResult check(Handshake handshake, Attachments attached) {
        String name = handshake.queryParameter("name").orElse("");
        if (!NAME.matcher(name).matches()) {
            return GuardResult.reject(401, "Unauthorized")
                    .withHeader("WWW-Authenticate", "Name realm=\"chat\"");
        }
        String room = handshake.pathParameter("room").orElse("");
        if (!ROOM.matcher(room).matches() || room.equals("admin")) {
            return GuardResult.reject(403, "Forbidden");
        }
        return GuardResult.accept(ChatUser.class, new ChatUser(name, Instant.now()));
    }
}
