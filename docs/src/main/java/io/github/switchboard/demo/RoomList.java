package io.github.switchboard.demo;

import io.github.switchboard.Topics;
import io.github.switchboard.server.HttpHandler;
import io.github.switchboard.server.HttpRequest;
import io.github.switchboard.server.HttpResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

/**
 * {@code GET /api/rooms}: the rooms that have people in them now and how many, from
 * {@link Topics} (Bun's {@code server.subscriberCount}). A room exists while someone is in it.
 */
@ApplicationScoped
public class RoomList implements HttpHandler {

    @Inject
    Topics topics;

    @Override
    public HttpResponse handle(HttpRequest request) {
        JsonArrayBuilder rooms = Json.createArrayBuilder();
        topics.topics().stream().filter(t -> t.startsWith("room:")).sorted().forEach(t -> rooms.add(
                Json.createObjectBuilder().add("name", t.substring(5))
                        .add("count", topics.subscriberCount(t))));
        return HttpResponse.json(200, Json.createObjectBuilder().add("rooms", rooms).build()
                .toString());
    }
}
