package io.github.switchboard.docs.topics;

import io.github.switchboard.Connection;
import io.github.switchboard.WebSocketOptions;
import io.github.switchboard.WebSocketOptions.Toggle;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Ledger entries: a client that missed one would show a wrong balance, so a client that falls
 * 64 KiB behind is closed (1008) rather than skipped, and reconnects to start from a snapshot.
 */
@Dependent
@WebSocketOptions(backpressureLimit = 64 * 1024, closeOnBackpressureLimit = Toggle.ON)
@ServerEndpoint(value = "/ledger", configurator = SwitchboardConfigurator.class)
public class LedgerFeed {

    public static final String TOPIC = "ledger";

    @Inject
    Connection connection;

    @OnOpen
    public void open() {
        connection.subscribe(TOPIC);          // every entry from now on
        connection.send("snapshot");          // then the state the entries apply to
    }
}
