package io.github.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine in one line, from {@code /proc} (Linux): processors, CPU model, total memory. */
final class Machine {

    private Machine() {
    }

    static String describe() throws IOException {
        String model = "unknown CPU";
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                model = line.substring(line.indexOf(':') + 1).trim();
                break;
            }
        }
        long memKb = 0;
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                memKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return Runtime.getRuntime().availableProcessors() + " processors (nproc), " + model + ", "
                + String.format("%.1f GiB RAM", memKb / 1048576.0) + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }
}
