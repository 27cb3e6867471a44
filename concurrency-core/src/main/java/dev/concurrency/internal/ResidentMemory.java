package dev.concurrency.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A process's resident memory, from one read of {@code /proc/<pid>/status} on
 * Linux (some 0.1 ms for a JVM); empty elsewhere. The one reader of that file
 * in the library: worker processes' figures and the comparison's sampler use it.
 *
 * @param current its resident set now ({@code VmRSS})
 * @param peak    the most resident memory it has had ({@code VmHWM})
 */
public record ResidentMemory(OptionalLong current, OptionalLong peak) {

    private static final ResidentMemory UNKNOWN = new ResidentMemory(OptionalLong.empty(), OptionalLong.empty());
    private static final long SELF = ProcessHandle.current().pid();

    /** @return this JVM's resident memory */
    public static ResidentMemory self() {
        return of(SELF);
    }

    /**
     * @param pid a process id
     * @return its resident memory, or empty figures where the platform does not tell
     */
    public static ResidentMemory of(long pid) {
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
        long bytes = parseKilobytes(status.substring(at + name.length(), end < 0 ? status.length() : end));
        return bytes < 0 ? OptionalLong.empty() : OptionalLong.of(bytes);
    }

    /**
     * @param value a field's value, such as {@code "   123456 kB"}
     * @return its bytes, or -1 if it is not such a value
     */
    public static long parseKilobytes(String value) {
        String text = value.strip();
        if (!text.endsWith(" kB")) {
            return -1;
        }
        try {
            return Long.parseLong(text.substring(0, text.length() - 3).strip()) * 1024;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
