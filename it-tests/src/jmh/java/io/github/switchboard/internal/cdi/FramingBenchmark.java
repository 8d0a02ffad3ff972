package io.github.switchboard.internal.cdi;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Framing once per publish (issue 6): {@link Message#text} for a chat line and for 4 KiB. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class FramingBenchmark {

    private final String line = "Client7: hello 1234";
    private final String text4k = "x".repeat(4096);

    /** Frames a short text once. */
    @Benchmark
    public Message frameShortText() {
        return Message.text(line);
    }

    /** Frames a 4 KiB text once. */
    @Benchmark
    public Message frame4KiBText() {
        return Message.text(text4k);
    }
}
