package io.github.switchboard.docs.topics;

import io.github.switchboard.PublishResult;
import io.github.switchboard.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What an HTTP API does with the chat: announce to a room, tell who is there. A JAX-RS resource
 * would inject this bean and call it from its methods; the embedded server serves no JAX-RS, so
 * the tests call it directly.
 */
@ApplicationScoped
public class Announcements {

    @Inject
    Topics topics;

    /** {@code POST /rooms/{room}/announcements}: to every member; how many accepted it. */
    public int announce(String room, String text) {
        PublishResult result = topics.publish(ChatRoom.topic(room), "announcement: " + text);
        return result.accepted();
    }

    /** {@code GET /rooms/{room}/presence}: how many are in the room now. */
    public int presence(String room) {
        return topics.subscriberCount(ChatRoom.topic(room));
    }
}
