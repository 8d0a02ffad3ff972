package io.github.switchboard.it;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** An endpoint that forgot the Switchboard configurator. */
@ServerEndpoint("/plain")
public class PlainEndpoint {
    @OnMessage
    public String echo(String m) {
        return m;
    }
}
