package io.github.switchboard.docs.topics;

import io.github.switchboard.Connection;
import io.github.switchboard.WebSocketOptions;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.util.regex.Pattern;

/** Each client chooses the symbols it follows, one topic per symbol, at most 20. */
@Dependent
@WebSocketOptions(maxSubscriptions = 20)
@ServerEndpoint(value = "/quotes", configurator = SwitchboardConfigurator.class)
public class Watchlist {

    /** What a client may name: a topic name is built from it, so it is checked first. */
    private static final Pattern SYMBOL = Pattern.compile("[A-Z]{1,12}");

    @Inject
    Connection connection;

    /** {@code watch ACME} or {@code unwatch ACME}; the answer says what happened. */
    @OnMessage
    public String command(String line) {
        String[] words = line.split(" ");
        if (words.length != 2 || !SYMBOL.matcher(words[1]).matches()) {
            return "expected: watch SYMBOL or unwatch SYMBOL";
        }
        String symbol = words[1];
        String topic = topic(symbol);
        return switch (words[0]) {
            case "watch" -> connection.subscribe(topic) ? "watching " + symbol
                    : connection.isSubscribed(topic) ? "already watching " + symbol
                    : "you watch " + connection.subscriptions().size() + " symbols, the most";
            case "unwatch" -> connection.unsubscribe(topic) ? "stopped watching " + symbol
                    : "not watching " + symbol;
            default -> "expected: watch SYMBOL or unwatch SYMBOL";
        };
    }

    /** The topic of a symbol's quotes. */
    public static String topic(String symbol) {
        return "quote:" + symbol;
    }
}
