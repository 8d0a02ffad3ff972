package io.github.switchboard.docs.injection;

import io.github.switchboard.Attachments;
import io.github.switchboard.GuardResult;
import io.github.switchboard.Handshake;
import io.github.switchboard.HandshakeGuard;
import io.github.switchboard.Key;
import jakarta.enterprise.context.ApplicationScoped;

/** Admits upgrades that name their user in {@code X-User}; attaches the user and a plan. */
@ApplicationScoped
public class LoginGuard implements HandshakeGuard {

    /** Data attached under a name rather than by its type. */
    public static final Key<String> PLAN = Key.of("plan", String.class);

    @Override
    public GuardResult check(Handshake handshake, Attachments attached) {
        return handshake.header("X-User")
                .<GuardResult>map(name -> GuardResult.accept(ChatUser.class, new ChatUser(name))
                        .with(PLAN, name.equals("ada") ? "pro" : "free"))
                .orElseGet(() -> GuardResult.reject(401, "Unauthorized"));
    }
}
