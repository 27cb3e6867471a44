package dev.concurrency.internal.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A process's resident memory, from one read of {@code /proc/<pid>/status} on
 * Linux (some 0.1 ms for a JVM); empty elsewhere.
 *
 * @param current its resident set now ({@code VmRSS})
 * @param peak    the most resident memory it has had ({@code VmHWM})
 */
record ResidentMemory(OptionalLong current, OptionalLong peak) {

    private static final ResidentMemory UNKNOWN = new ResidentMemory(OptionalLong.empty(), OptionalLong.empty());

    /**
     * @param pid a process id
     * @return its resident memory, or empty figures where the platform does not tell
     */
    static ResidentMemory of(long pid) {
        String status;
        try {
            status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
        } catch (IOException | RuntimeException e) {
            return UNKNOWN; // not Linux, or the process has gone
        }
        return new ResidentMemory(field(status, "VmRSS:"), field(status, "VmHWM:"));
    }

    private static OptionalLong field(String status, String name) {
        int at = status.indexOf(name);
        if (at < 0) {
            return OptionalLong.empty();
        }
        int end = status.indexOf('\n', at);
        String[] value = status.substring(at + name.length(), end < 0 ? status.length() : end).trim().split("\\s+");
        try {
            return OptionalLong.of(Long.parseLong(value[0]) * 1024); // in kB
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
