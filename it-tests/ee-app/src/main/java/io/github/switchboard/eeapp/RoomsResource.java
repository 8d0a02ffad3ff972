package io.github.switchboard.eeapp;

import io.github.switchboard.PublishResult;
import io.github.switchboard.Topics;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A server publish from outside any connection (Bun's {@code server.publish}), and the stats. */
@Path("/")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class RoomsResource {

    @Inject
    Topics topics;
    @Inject
    Stats stats;

    /** Publishes the body to {@code room/<room>}; answers {@code <recipients> <accepted>}. */
    @POST
    @Path("rooms/{room}")
    @Consumes(MediaType.TEXT_PLAIN)
    public String publish(@PathParam("room") String room, String text) {
        PublishResult r = topics.publish("room/" + room, text);
        return r.recipients() + " " + r.accepted();
    }

    @GET
    @Path("rooms/{room}/subscribers")
    public String subscribers(@PathParam("room") String room) {
        return Integer.toString(topics.subscriberCount("room/" + room));
    }

    @GET
    @Path("stats")
    public String stats() {
        return stats.describe();
    }
}
