package io.github.switchboard.bench;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a benchmark server counts, shared by its endpoint instances: connections opened (to send
 * {@code ready} once all clients are in), messages published, and deliveries not accepted
 * (dropped, or addressed to a closed connection). Thread-safe.
 */
public final class ChatStats {

    /** The clients a run connects; {@code ready} is sent when this many are open. */
    public static final int CLIENTS = Integer.getInteger("bench.clients", 32);

    private final AtomicInteger opened = new AtomicInteger();
    private final LongAdder published = new LongAdder();
    private final LongAdder notAccepted = new LongAdder();

    /** Counts an open connection; true for exactly the one that completes the expected set. */
    public boolean opened() {
        return opened.incrementAndGet() == CLIENTS;
    }

    /** Counts a published message. */
    public void published() {
        published.increment();
    }

    /** Counts deliveries that were not accepted (dropped, failed, or to a closed connection). */
    public void lost(int deliveries) {
        if (deliveries != 0) {
            notAccepted.add(deliveries);
        }
    }

    /** The line the harness reads: {@code stats <published> <lost> <heapBytesUsed>}. */
    public String line() {
        Runtime rt = Runtime.getRuntime();
        return "stats " + published.sum() + " " + notAccepted.sum() + " "
                + (rt.totalMemory() - rt.freeMemory());
    }
}
