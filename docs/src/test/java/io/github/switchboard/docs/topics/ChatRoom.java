package io.github.switchboard.docs.topics;

import io.github.switchboard.Connection;
import io.github.switchboard.PathValue;
import io.github.switchboard.Query;
import io.github.switchboard.Topics;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;

/** Bun's chat room on topics: one topic per room, joins and leaves announced to the others. */
@Dependent
@ServerEndpoint(value = "/chat/{room}", configurator = SwitchboardConfigurator.class)
public class ChatRoom {

    private final Connection connection;
    private final Topics topics;
    private final String name;
    private final String topic;
    private volatile boolean joined;     // written in @OnOpen, read in @OnClose

    @Inject
    public ChatRoom(Connection connection, Topics topics, @Query("name") String name,
            @PathValue("room") String room) {
        this.connection = connection;
        this.topics = topics;
        this.name = name;
        this.topic = topic(room);
    }

    /** The topic of a room. Topic names are one namespace per application: prefix them. */
    public static String topic(String room) {
        return "room:" + room;
    }

    @OnOpen
    public void open() {
        if (topic.length() > Topics.MAX_TOPIC_LENGTH) {   // subscribe would throw
            connection.close(1008, "room name too long");
            return;
        }
        joined = connection.subscribe(topic);
        int here = topics.subscriberCount(topic);
        connection.publish(topic, name + " joined; " + here + " here");   // not to the sender
        connection.send("welcome, " + name + "; " + here + " here");
    }

    @OnMessage
    public void message(String text) {
        connection.publish(topic, name + ": " + text);   // every other member of the room
    }

    @OnClose
    public void close() {
        if (joined) {
            // The subscription is already gone, so the count leaves this connection out; a
            // publish still reaches the others.
            connection.publish(topic, name + " left; " + topics.subscriberCount(topic) + " here");
        }
    }
}
