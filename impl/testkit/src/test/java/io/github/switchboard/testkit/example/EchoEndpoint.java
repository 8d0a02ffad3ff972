package io.github.switchboard.testkit.example;

import io.github.switchboard.Attachments;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;

/** Greets the user the guard attached, echoes every message, and closes on "bye". */
@ServerEndpoint(value = "/echo", configurator = SwitchboardConfigurator.class)
public class EchoEndpoint {

    @OnOpen
    public void open(Session session) throws IOException {
        String user = Attachments.of(session).get(TokenGuard.USER).orElseThrow();
        session.getBasicRemote().sendText("hello " + user);
    }

    @OnMessage
    public String echo(String message, Session session) throws IOException {
        if (message.equals("bye")) {
            session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "bye"));
            return null;
        }
        return message;
    }
}
