package io.github.switchboard.it;

import io.github.switchboard.Attachments;
import io.github.switchboard.GuardResult;
import io.github.switchboard.Handshake;
import io.github.switchboard.HandshakeGuard;
import io.github.switchboard.Key;
import jakarta.enterprise.context.ApplicationScoped;

/** Decides by the {@code X-Mode} header, so one server can show every rejection. */
@ApplicationScoped
public class TestGuard implements HandshakeGuard {

    static final Key<String> ID = Key.of("id", String.class);

    record Tenant(String name) {
    }

    @Override
    public GuardResult check(Handshake handshake, Attachments attached) {
        if (handshake.pathParameter("room").filter("forbidden"::equals).isPresent()) {
            return GuardResult.reject(403, "Room Forbidden");
        }
        String mode = handshake.header("x-mode").orElse("");
        switch (mode) {
            case "401":
                return GuardResult.reject(401, "Unauthorized")
                        .withHeader("WWW-Authenticate", "Bearer realm=\"switchboard\"");
            case "403":
                return GuardResult.reject(403, "");
            case "429":
                return GuardResult.reject(429, "Slow Down").withHeader("Retry-After", "7");
            case "throw":
                throw new IllegalStateException("guard failed holding secret-token-4711");
            case "error":
                throw new AssertionError("an Error, not an Exception");
            case "cookies":
                return GuardResult.reject(401, "Unauthorized")
                        .withHeader("Set-Cookie", "sid=; Expires=Wed, 21 Oct 2015 07:28:00 GMT")
                        .withHeader("Set-Cookie", "csrf=; Max-Age=0");
            default:
                GuardResult.Accept accept = GuardResult.accept();
                String tenant = handshake.header("x-tenant").orElse(null);
                if (tenant != null) {
                    accept = accept.with(Tenant.class, new Tenant(tenant));
                }
                String id = handshake.header("x-id").orElse(null);
                return id == null ? accept : accept.with(ID, id);
        }
    }
}
