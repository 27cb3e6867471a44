package dev.concurrency.internal.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** A process's resident memory, from {@code /proc/<pid>/status} on Linux; empty elsewhere. */
final class ResidentMemory {

    private ResidentMemory() {
    }

    /**
     * @param pid a process id
     * @return its resident set now ({@code VmRSS}), if the platform tells
     */
    static OptionalLong current(long pid) {
        return field(pid, "VmRSS:");
    }

    /**
     * @param pid a process id
     * @return the most resident memory it has had ({@code VmHWM}), if the platform tells
     */
    static OptionalLong peak(long pid) {
        return field(pid, "VmHWM:");
    }

    private static OptionalLong field(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name)) {
                    String kib = line.substring(name.length()).trim().split("\\s+")[0];
                    return OptionalLong.of(Long.parseLong(kib) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process has gone
        }
        return OptionalLong.empty();
    }
}
