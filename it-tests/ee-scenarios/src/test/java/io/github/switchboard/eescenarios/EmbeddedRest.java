package io.github.switchboard.eescenarios;

import io.github.switchboard.PublishResult;
import io.github.switchboard.Topics;
import io.github.switchboard.eeapp.Stats;
import io.github.switchboard.server.HttpHandler;
import io.github.switchboard.server.HttpRequest;
import io.github.switchboard.server.HttpResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;

/**
 * On the embedded server, what the application's Jakarta REST resource ({@code RoomsResource})
 * answers in a server: the same paths, answers and calls, as routes of the embedded server,
 * which has no Jakarta REST.
 */
@ApplicationScoped
public class EmbeddedRest implements HttpHandler {

    private static final String ROOMS = "/api/rooms/";
    private static final String SUBSCRIBERS = "/subscribers";

    @Inject
    Topics topics;
    @Inject
    Stats stats;

    @Override
    public HttpResponse handle(HttpRequest request) {
        String path = request.path();
        if (path.equals("/api/stats")) {
            return HttpResponse.text(200, stats.describe());
        }
        if (path.startsWith(ROOMS) && path.endsWith(SUBSCRIBERS)) {
            String room = path.substring(ROOMS.length(), path.length() - SUBSCRIBERS.length());
            return HttpResponse.text(200, Integer.toString(topics.subscriberCount("room/" + room)));
        }
        String room = path.substring(ROOMS.length());
        PublishResult r = topics.publish("room/" + room,
                new String(request.body(), StandardCharsets.UTF_8));
        return HttpResponse.text(200, r.recipients() + " " + r.accepted());
    }
}
