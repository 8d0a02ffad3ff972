package io.github.switchboard.bench;

/**
 * One measured repetition on one server: {@code batches} batches, their wall-clock and server CPU
 * time (of which system time), the harness's (clients') CPU time, deliveries the server did not accept, and the
 * server's RSS and used heap right after.
 */
record Repetition(String server, int index, int batches, long deliveries, double seconds,
        double cpuSeconds, double systemCpuSeconds, double clientCpuSeconds, long rssBytes, long heapBytes, long lost) {

    double deliveriesPerSecond() {
        return deliveries / seconds;
    }

    double deliveriesPerCpuSecond() {
        return deliveries / cpuSeconds;
    }

    static String csvHeader() {
        return "server,repetition,batches,deliveries,seconds,server_cpu_seconds,"
                + "server_system_cpu_seconds,client_cpu_seconds,"
                + "deliveries_per_s,deliveries_per_server_cpu_s,server_rss_bytes,"
                + "server_heap_used_bytes,lost";
    }

    String csv() {
        return String.join(",", server, Integer.toString(index), Integer.toString(batches),
                Long.toString(deliveries), String.format("%.3f", seconds),
                String.format("%.2f", cpuSeconds),
                String.format("%.2f", systemCpuSeconds), String.format("%.2f", clientCpuSeconds), String.format("%.0f", deliveriesPerSecond()),
                String.format("%.0f", deliveriesPerCpuSecond()), Long.toString(rssBytes),
                Long.toString(heapBytes), Long.toString(lost));
    }
}
