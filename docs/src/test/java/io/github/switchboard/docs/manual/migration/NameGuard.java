package io.github.switchboard.docs.manual.migration;

import io.github.switchboard.Attachments;
import io.github.switchboard.GuardResult;
import io.github.switchboard.Handshake;
import io.github.switchboard.HandshakeGuard;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;

/** Step 2: the check that was in {@code @OnOpen}, now before the upgrade. */
@ApplicationScoped
public class NameGuard implements HandshakeGuard {

    private static final Pattern NAME = Pattern.compile("[A-Za-z]{1,20}");

    @Override
    public GuardResult check(Handshake handshake, Attachments attached) {
        String name = handshake.queryParameter("name").orElse("");
        if (!NAME.matcher(name).matches()) {
            return GuardResult.reject(401, "Unauthorized");   // no socket, no @OnOpen
        }
        return GuardResult.accept(Member.class, new Member(name));
    }
}
