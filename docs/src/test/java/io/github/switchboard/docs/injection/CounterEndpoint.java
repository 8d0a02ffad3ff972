package io.github.switchboard.docs.injection;

import io.github.switchboard.Connection;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;

/** Numbers the messages of each connection with its {@link Tally}. */
@Dependent
@ServerEndpoint(value = "/count", configurator = SwitchboardConfigurator.class)
public class CounterEndpoint {

    @Inject
    Connection connection;

    @Inject
    Tally tally;                   // a client proxy; the instance is per connection

    @Inject
    AuditLog log;

    @OnOpen
    public void open() {
        connection.send("connected " + connection.id());
    }

    @OnMessage
    public void message(String text) {
        if (text.equals("bye")) {
            connection.close(1000, "bye");   // @OnClose may run before this callback returns
            log.add("after close: message " + tally.next());   // the tally is still there
        } else {
            connection.send("message " + tally.next());
        }
    }

    @OnClose
    public void closed(CloseReason reason) {
        log.add("onclose " + reason.getCloseCode().getCode());
    }
}
