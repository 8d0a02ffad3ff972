package io.github.switchboard.demo;

import io.github.switchboard.Connection;
import io.github.switchboard.Topics;
import io.github.switchboard.WebSocketOptions;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;
import java.io.StringReader;
import java.util.regex.Pattern;

/**
 * One chat connection: the signed-in {@link ChatUser} (attached by {@link ChatGuard}) is in one
 * room at a time, each room a topic. Messages from the page are JSON:
 * {@code {"type":"join","room":"lobby"}} and {@code {"type":"say","text":"hi"}}. What the server
 * sends is JSON too, see {@link ChatJson}.
 *
 * <p>The limits are the secure defaults made explicit: a message from the page is at most 4 KiB
 * (larger closes with 1009), at most 20 a second (faster closes with 1008), and at most 256 KiB
 * may wait for a slow reader before its messages are dropped (never blocking the others).
 */
@Dependent
@WebSocketOptions(maxPayloadLength = 4096, maxMessagesPerSecond = 20,
        backpressureLimit = 256 * 1024)
@ServerEndpoint(value = "/chat", configurator = SwitchboardConfigurator.class)
public class ChatEndpoint {

    /** Room names: what the page accepts, lower-case. */
    static final Pattern ROOM = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    /** The longest chat line, in characters. */
    static final int MAX_TEXT = 1000;
    /** The topic every connection hears the server clock on. */
    static final String CLOCK = "clock";

    private final Connection connection;
    private final ChatUser user;
    private final Topics topics;
    /** The current room's topic, or null; written by callbacks of this connection only. */
    private volatile String room;

    /** One instance per connection, injected from that connection's handshake and guard. */
    @Inject
    public ChatEndpoint(Connection connection, ChatUser user, Topics topics) {
        this.connection = connection;
        this.user = user;
        this.topics = topics;
    }

    /** The topic of a room. */
    static String topic(String room) {
        return "room:" + room;
    }

    @OnOpen
    public void open() {
        connection.subscribe(CLOCK);
        connection.send(ChatJson.welcome(user.name()));
    }

    @OnMessage
    public void message(String text) {
        JsonObject command;
        try (var reader = Json.createReader(new StringReader(text))) {
            command = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            connection.send(ChatJson.error("not a JSON object"));
            return;
        }
        switch (string(command, "type")) {
            case "join" -> join(string(command, "room"));
            case "say" -> say(string(command, "text"));
            default -> connection.send(ChatJson.error("unknown type"));
        }
    }

    private void join(String name) {
        if (!ROOM.matcher(name).matches()) {
            connection.send(ChatJson.error("a room name is 1-32 of a-z, 0-9 and -"));
            return;
        }
        String next = topic(name);
        if (next.equals(room)) {
            return;
        }
        leaveRoom();
        connection.subscribe(next);
        room = next;
        // Everyone in the room, the newcomer included, learns who came and how many are there.
        topics.publish(next, ChatJson.presence("joined", name, user.name(),
                topics.subscriberCount(next)));
    }

    private void say(String text) {
        String current = room;
        if (current == null) {
            connection.send(ChatJson.error("join a room first"));
            return;
        }
        if (text.isBlank() || text.length() > MAX_TEXT) {
            connection.send(ChatJson.error("a message is 1-" + MAX_TEXT + " characters"));
            return;
        }
        // Sender excluded, as in Bun: the page shows its own line when it sends it.
        connection.publish(current, ChatJson.message(current.substring(5), user.name(), text));
    }

    private void leaveRoom() {
        String current = room;
        if (current != null && connection.unsubscribe(current)) {
            topics.publish(current, ChatJson.presence("left", current.substring(5), user.name(),
                    topics.subscriberCount(current)));
        }
        room = null;
    }

    @OnClose
    public void close() {
        // The connection's subscriptions are already gone: the count no longer includes it.
        String current = room;
        room = null;
        if (current != null) {
            topics.publish(current, ChatJson.presence("left", current.substring(5), user.name(),
                    topics.subscriberCount(current)));
        }
    }

    private static String string(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.getString() : "";
    }
}
