package io.github.switchboard.demo;

import io.github.switchboard.server.HttpHandler;
import io.github.switchboard.server.HttpRequest;
import io.github.switchboard.server.HttpResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.util.Optional;

/**
 * {@code /api/session}: {@code POST name=…} signs in (sets the signed, {@code HttpOnly},
 * {@code SameSite=Strict} session cookie), {@code GET} says who is signed in (401 when nobody),
 * {@code DELETE} signs out. The server refuses cross-origin browser POSTs and DELETEs (403)
 * before this runs.
 */
@ApplicationScoped
public class SignIn implements HttpHandler {

    @Inject
    SessionCookies sessions;

    @Override
    public HttpResponse handle(HttpRequest request) {
        return switch (request.method()) {
            case "POST" -> signIn(request);
            case "DELETE" -> HttpResponse.empty(204)
                    .withHeader("Set-Cookie", SessionCookies.clearCookie());
            default -> who(request);
        };
    }

    private HttpResponse signIn(HttpRequest request) {
        Optional<String> name = SessionCookies.validName(request.formParameter("name").orElse(""));
        if (name.isEmpty()) {
            return HttpResponse.json(400, Json.createObjectBuilder().add("error",
                    "a name is 1-" + SessionCookies.MAX_NAME
                    + " characters, without control characters").build().toString());
        }
        return HttpResponse.json(200, nameJson(name.get()))
                .withHeader("Set-Cookie", sessions.setCookie(name.get(), request.secure()));
    }

    private HttpResponse who(HttpRequest request) {
        return sessions.verify(request.cookies(SessionCookies.NAME))
                .map(n -> HttpResponse.json(200, nameJson(n)))
                .orElseGet(() -> HttpResponse.json(401, "{\"error\":\"not signed in\"}"));
    }

    private static String nameJson(String name) {
        return Json.createObjectBuilder().add("name", name).build().toString();
    }
}
