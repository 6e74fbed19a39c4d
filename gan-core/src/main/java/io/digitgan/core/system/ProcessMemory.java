package io.digitgan.core.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process (heap + native, e.g. libtorch's), from /proc on Linux. */
public final class ProcessMemory {

    private ProcessMemory() {}

    /** @return resident bytes, or -1 where /proc is not available */
    public static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: report nothing rather than a wrong number
        }
        return -1;
    }
}
