package io.github.switchboard.bench;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a benchmark server counts, shared by its endpoint instances: connections opened and still
 * open (the harness waits for these before it sends), messages published, and deliveries not
 * accepted (dropped, or addressed to a closed connection). Thread-safe.
 */
public final class ChatStats {

    /** The clients of Bun's chat run; {@code ready} is sent when this many are open (0: never). */
    public static final int CLIENTS = Integer.getInteger("bench.clients", 0);

    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final LongAdder published = new LongAdder();
    private final LongAdder notAccepted = new LongAdder();

    /** Counts an open connection; true for exactly the one that completes the expected set. */
    public boolean opened() {
        open.incrementAndGet();
        return opened.incrementAndGet() == CLIENTS;
    }

    /** Counts a closed connection. */
    public void closed() {
        open.decrementAndGet();
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

    /**
     * The line the harness reads: {@code stats <published> <lost> <heapBytesUsed> <open>}.
     */
    public String line() {
        return "stats " + published.sum() + " " + notAccepted.sum() + " " + heapUsed() + " "
                + open.get();
    }

    /** Heap in use now, in bytes. */
    static long heapUsed() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
