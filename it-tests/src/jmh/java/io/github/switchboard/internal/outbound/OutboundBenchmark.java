package io.github.switchboard.internal.outbound;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The outbound buffer's hot path (issue 6): one publish's frame offered to 32 connections'
 * buffers, whose sink completes at once, as the chat fan-out does per message. From one thread,
 * and from four at once with the real {@link Flusher} writing (Grizzly's four workers publish
 * concurrently on a 2-core machine, so the buffers' locks are contended).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class OutboundBenchmark {

    private static final int CONNECTIONS = 32;
    private static final Outbound.Sink DONE = (batch, done) -> {
        batch.position(batch.limit());
        done.completed();
    };

    private final ByteBuffer frame = frame("Client7: hello 1234");
    private Outbound[] flushedHere;
    private Outbound[] flushedByFlusher;

    @Setup
    public void setUp() {
        flushedHere = new Outbound[CONNECTIONS];
        flushedByFlusher = new Outbound[CONNECTIONS];
        for (int i = 0; i < CONNECTIONS; i++) {
            // No scheduler: the offering thread writes each idle buffer's first frame at once.
            flushedHere[i] = new Outbound(DONE, 1 << 20, null);
            flushedByFlusher[i] = new Outbound(DONE, Long.MAX_VALUE, null, Flusher.INSTANCE);
        }
    }

    /** Offers the frame to 32 buffers, each written at once on this thread. */
    @Benchmark
    public int offerTo32WrittenHere() {
        int n = 0;
        for (Outbound o : flushedHere) {
            n += o.offer(frame).ordinal();
        }
        return n;
    }

    /** Offers the frame to 32 buffers that the flusher thread writes, from one thread. */
    @Benchmark
    @Threads(1)
    public int offerTo32ViaFlusher() {
        int n = 0;
        for (Outbound o : flushedByFlusher) {
            n += o.offer(frame).ordinal();
        }
        return n;
    }

    /** The same from four threads at once: the contention Grizzly's workers meet. */
    @Benchmark
    @Threads(4)
    public int offerTo32ViaFlusherFourThreads() {
        return offerTo32ViaFlusher();
    }

    static ByteBuffer frame(String text) {
        byte[] p = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(p.length + 2);
        b.put((byte) 0x81).put((byte) p.length).put(p);
        return b.flip().asReadOnlyBuffer();
    }
}
