package io.github.switchboard.docs.topics;

import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;
import java.util.Iterator;
import java.util.stream.IntStream;

/** Sends every client the whole history when it connects: 16 MiB in 1 KiB lines. */
@Dependent
@ServerEndpoint(value = "/history", configurator = SwitchboardConfigurator.class)
public class HistoryEndpoint {

    static final int LINES = 16 * 1024;

    @Inject
    HistoryStream stream;

    @OnOpen
    public void open() {
        stream.start(history());
    }

    /** Line {@code i} of the history: its number, then filler, 1 KiB in all. */
    static String line(int i) {
        return String.format("%06d ", i) + "x".repeat(1024 - 7);
    }

    static Iterator<String> history() {
        return IntStream.range(0, LINES).mapToObj(HistoryEndpoint::line).iterator();
    }
}
