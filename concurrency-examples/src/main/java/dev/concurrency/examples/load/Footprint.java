package dev.concurrency.examples.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The resident memory and threads of a server: this JVM and the processes it
 * started (a {@code PROCESS} server's workers), but for the ones named (the
 * load generator), read from {@code /proc/PID/status}. On a system without
 * {@code /proc} the figures are -1.
 *
 * @param residentBytes the processes' resident sets added up ({@code VmRSS})
 * @param threads       their threads added up
 * @param processes     how many processes
 */
public record Footprint(long residentBytes, long threads, int processes) {

    /** Nothing measured: no {@code /proc}. */
    public static final Footprint UNKNOWN = new Footprint(-1, -1, 0);

    /**
     * Measures this JVM and its descendants.
     *
     * @param excluded the pids of processes (and their descendants) that are not the server's
     * @return their figures added up, or {@link #UNKNOWN}
     */
    public static Footprint ofServer(Set<Long> excluded) {
        ProcessHandle self = ProcessHandle.current();
        List<Long> pids = Stream.concat(Stream.of(self), self.children()
                        .filter(p -> !excluded.contains(p.pid()))
                        .flatMap(p -> Stream.concat(Stream.of(p), p.descendants())))
                .map(ProcessHandle::pid).collect(Collectors.toList());
        long rss = 0;
        long threads = 0;
        for (long pid : pids) {
            long[] figures = status(pid);
            if (figures == null) {
                if (pid == self.pid()) {
                    return UNKNOWN;
                }
                continue; // it ended meanwhile
            }
            rss += figures[0];
            threads += figures[1];
        }
        return new Footprint(rss, threads, pids.size());
    }

    /** @return this JVM's resident set ({@code VmRSS}) in bytes, or -1 without {@code /proc} */
    public static long residentBytesOfSelf() {
        long[] figures = status(ProcessHandle.current().pid());
        return figures == null ? -1 : figures[0];
    }

    /** {@return whether the figures were measured} */
    public boolean known() {
        return residentBytes >= 0;
    }

    /** @return the resident set in bytes and the threads of a process; {@code null} if it cannot be read */
    private static long[] status(long pid) {
        try {
            long rss = -1;
            long threads = -1;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.substring(6).replace("kB", "").strip()) * 1024;
                } else if (line.startsWith("Threads:")) {
                    threads = Long.parseLong(line.substring(8).strip());
                }
            }
            return rss < 0 || threads < 0 ? null : new long[] {rss, threads};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
