package io.github.switchboard.docs.topics;

import io.github.switchboard.Connection;
import io.github.switchboard.ConnectionDrained;
import io.github.switchboard.ConnectionScoped;
import io.github.switchboard.SendResult;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.Iterator;

/**
 * Sends a long history to one connection as fast as its client reads, never faster: it pauses
 * when the connection's outbound buffer pushes back and resumes when it drains. Thread-safe.
 */
@ConnectionScoped
public class HistoryStream {

    /** Buffered bytes above which the stream pauses instead of queueing more. */
    static final long HIGH_WATER = 256 * 1024;

    @Inject
    Connection connection;

    @Inject
    StreamMetrics metrics;

    private Iterator<String> lines = Collections.emptyIterator();   // guarded by this
    private String refused;   // guarded by this: DROPPED, so it goes first after the drain

    /** Starts sending {@code history}. */
    public synchronized void start(Iterator<String> history) {
        lines = history;
        pump();
    }

    /** On the thread that emptied this connection's buffer; only if this connection has one. */
    void drained(@Observes(notifyObserver = Reception.IF_EXISTS) ConnectionDrained event) {
        pump();
    }

    private synchronized void pump() {
        while (refused != null || lines.hasNext()) {
            String line = refused != null ? refused : lines.next();
            refused = null;
            SendResult result = connection.send(line);
            switch (result.status()) {
                case WRITTEN -> { }
                case QUEUED -> {
                    if (connection.bufferedAmount() >= HIGH_WATER) {
                        metrics.paused();
                        return;   // accepted; ConnectionDrained follows, since it was QUEUED
                    }
                }
                case DROPPED -> {
                    refused = line;   // not accepted: it is sent again after the drain
                    metrics.paused();
                    return;
                }
                case CLOSED -> {
                    return;   // the client is gone; nothing more will be accepted
                }
            }
        }
    }
}
