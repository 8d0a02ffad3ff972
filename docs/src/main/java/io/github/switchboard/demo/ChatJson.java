package io.github.switchboard.demo;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/**
 * The JSON the server sends to the page, one {@code type} per kind. JSON-P escapes every string,
 * and the page renders every field with {@code textContent}: a name or a message is text,
 * never markup.
 */
final class ChatJson {

    private ChatJson() {
    }

    static String welcome(String name) {
        return Json.createObjectBuilder().add("type", "welcome").add("name", name).build()
                .toString();
    }

    static String message(String room, String from, String text) {
        return stamped("message").add("room", room).add("from", from).add("text", text).build()
                .toString();
    }

    static String presence(String type, String room, String name, int count) {
        return stamped(type).add("room", room).add("name", name).add("count", count).build()
                .toString();
    }

    static String announcement(String room, String from, String text) {
        return stamped("announcement").add("room", room).add("from", from).add("text", text)
                .build().toString();
    }

    static String clock(Instant now) {
        return Json.createObjectBuilder().add("type", "clock").add("time", now.toString()).build()
                .toString();
    }

    static String error(String text) {
        return Json.createObjectBuilder().add("type", "error").add("text", text).build()
                .toString();
    }

    private static JsonObjectBuilder stamped(String type) {
        return Json.createObjectBuilder().add("type", type).add("at", Instant.now().toString());
    }
}
