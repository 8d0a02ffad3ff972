package io.github.switchboard.eeapp;

import io.github.switchboard.Connection;
import io.github.switchboard.Handshake;
import io.github.switchboard.PublishResult;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * The chat: a connection joins the topic {@code room/<room>} at open and is greeted with what
 * its handshake carried; {@code ctx} repeats that, {@code say <text>} publishes to the room
 * (sender excluded) and answers how many it reached, {@code visit} answers the connection-scoped
 * bean's id and message count. Only {@code Connection}, {@code Handshake} and beans are injected,
 * all resolved per call, so the endpoint works wherever the container creates it.
 */
@Dependent
@ServerEndpoint(value = "/chat/{room}", configurator = SwitchboardConfigurator.class)
public class ChatEndpoint {

    @Inject
    Connection connection;
    @Inject
    Handshake handshake;
    @Inject
    Visit visit;
    @Inject
    Stats stats;

    @PostConstruct
    void created() {
        stats.endpointCreated();
    }

    @PreDestroy
    void destroyed() {
        stats.endpointDestroyed();
    }

    @OnOpen
    public void open(Session session) {
        connection.subscribe(topic());
        connection.send("welcome " + context());
    }

    @OnMessage
    public String message(String text, Session session) {
        int count = visit.message();
        if (text.equals("ctx")) {
            return "ctx " + context();
        }
        if (text.equals("visit")) {
            return "visit " + visit.id() + " " + count;
        }
        if (text.startsWith("say ")) {
            PublishResult r = connection.publish(topic(), user() + ": " + text.substring(4));
            return "said " + r.recipients();
        }
        return "unknown " + text;
    }

    @OnClose
    public void close(Session session) {
        connection.publish(topic(), "left " + user());
    }

    private String topic() {
        return "room/" + handshake.pathParameter("room").orElse("");
    }

    private String user() {
        return connection.data().get(ChatUser.class).map(ChatUser::name).orElse("?");
    }

    private String context() {
        return "user=" + user() + " room=" + handshake.pathParameter("room").orElse("")
                + " query=" + handshake.queryParameter("q").orElse("-")
                + " header=" + handshake.header("x-client").orElse("-")
                + " cookie=" + handshake.cookie("pref").orElse("-")
                + " cookiesTrusted=" + handshake.cookiesTrusted()
                + " origin=" + handshake.origin().orElse("-");
    }
}
