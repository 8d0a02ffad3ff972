package io.github.switchboard.docs.manual.security;

import io.github.switchboard.Connection;
import io.github.switchboard.docs.manual.migration.Member;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;

/** Every connection of an account joins that account's topic, so that a logout can find it. */
@Dependent
@ServerEndpoint(value = "/account", configurator = SwitchboardConfigurator.class)
public class AccountFeed {

    @Inject
    Connection connection;

    @Inject
    Member member;

    @OnOpen
    public void open() {
        connection.subscribe(Logouts.topic(member.name()));
        connection.send("signed in as " + member.name());
    }

    /** {@code join NAME} follows an account, {@code say TEXT} writes to one's own. */
    @OnMessage
    public String command(String line) {
        if (line.startsWith("join ")) {
            String account = line.substring(5);
            return connection.subscribe(Logouts.topic(account)) ? "joined" : "refused";
        }
        if (line.startsWith("say ")) {
            return connection.publish(Logouts.topic(member.name()), line.substring(4)).denied()
                    ? "denied" : "said";
        }
        return "unknown command";
    }
}
