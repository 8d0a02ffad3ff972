package io.github.switchboard.bench;

import java.io.IOException;

/**
 * What one measured stretch cost: wall time, the server process's CPU (of which system time) and
 * write system calls, and the harness's (clients') CPU, as differences of {@code /proc} counters.
 */
record Meter(double seconds, double serverCpu, double serverSystemCpu, long writeSyscalls,
        double clientCpu) {

    private static final long HARNESS_PID = ProcessHandle.current().pid();

    /** Counters at the start of a stretch. */
    record Start(long nanos, double cpu, double sys, long syscw, double clientCpu) {
        Meter stop(ServerProcess p) throws IOException {
            return new Meter((System.nanoTime() - nanos) / 1e9, p.cpuSeconds() - cpu,
                    p.systemCpuSeconds() - sys, p.writeSyscalls() - syscw,
                    ServerProcess.cpuSeconds(HARNESS_PID) - clientCpu);
        }
    }

    static Start start(ServerProcess p) throws IOException {
        return new Start(System.nanoTime(), p.cpuSeconds(), p.systemCpuSeconds(),
                p.writeSyscalls(), ServerProcess.cpuSeconds(HARNESS_PID));
    }

    /** Server CPU as a percentage of wall time (100 = one processor busy). */
    double serverCpuPercent() {
        return 100 * serverCpu / seconds;
    }

    double clientCpuPercent() {
        return 100 * clientCpu / seconds;
    }
}
