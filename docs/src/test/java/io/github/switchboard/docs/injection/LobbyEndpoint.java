package io.github.switchboard.docs.injection;

import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;

/** Everyone in one {@link Lobby}. */
@Dependent
@ServerEndpoint(value = "/lobby", configurator = SwitchboardConfigurator.class)
public class LobbyEndpoint {

    @Inject
    Lobby lobby;

    @Inject
    ChatUser user;

    @OnOpen
    public void open() {
        lobby.enter();
        lobby.announce(user.name() + " is here");
    }

    @OnMessage
    public void message(String text) {
        lobby.announce(user.name() + ": " + text);
    }

    @OnClose
    public void close() {
        lobby.leave();
    }
}
