package io.github.switchboard.demo;

import io.github.switchboard.PublishResult;
import io.github.switchboard.Topics;
import io.github.switchboard.server.HttpHandler;
import io.github.switchboard.server.HttpRequest;
import io.github.switchboard.server.HttpResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.util.Optional;

/**
 * {@code POST /api/broadcast} with {@code room} and {@code text}: Bun's {@code /broadcast}, a
 * server-level publish to everyone in the room (no sender to exclude), from plain HTTP. Only
 * for someone signed in (the session cookie); a cross-origin browser POST never gets here.
 * <pre>
 * curl -c jar -d name=ops http://127.0.0.1:8080/api/session
 * curl -b jar -d room=lobby -d text='Deploy at noon' http://127.0.0.1:8080/api/broadcast
 * </pre>
 */
@ApplicationScoped
public class Broadcast implements HttpHandler {

    @Inject
    Topics topics;
    @Inject
    SessionCookies sessions;

    @Override
    public HttpResponse handle(HttpRequest request) {
        Optional<String> from = sessions.verify(request.cookies(SessionCookies.NAME));
        if (from.isEmpty()) {
            return HttpResponse.json(401, "{\"error\":\"not signed in\"}");
        }
        String room = request.formParameter("room").orElse("");
        String text = request.formParameter("text").orElse("");
        if (!ChatEndpoint.ROOM.matcher(room).matches() || text.isBlank()
                || text.length() > ChatEndpoint.MAX_TEXT) {
            return HttpResponse.json(400, "{\"error\":\"room (a-z, 0-9, -) and text (1-"
                    + ChatEndpoint.MAX_TEXT + " characters) are required\"}");
        }
        PublishResult result = topics.publish(ChatEndpoint.topic(room),
                ChatJson.announcement(room, from.get(), text));
        return HttpResponse.json(200, Json.createObjectBuilder()
                .add("recipients", result.recipients()).build().toString());
    }
}
