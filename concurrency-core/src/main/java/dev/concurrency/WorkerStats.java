package dev.concurrency;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * One worker process of {@link Strategy#PROCESS}, as it was when a run's last
 * task ended.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id                the worker's number within its runner, from 1
 * @param pid               its process id
 * @param startupTime       from starting the process until it was ready for tasks
 * @param tasks             how many tasks it has run
 * @param residentBytes     its resident memory then, where the platform tells ({@code /proc} on Linux)
 * @param peakResidentBytes the most resident memory it has had, where the platform tells
 */
public record WorkerStats(int id, long pid, Duration startupTime, long tasks,
                          OptionalLong residentBytes, OptionalLong peakResidentBytes) {

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "worker %d (pid %d): started in %.1f ms, %d tasks, resident %s, peak %s",
                id, pid, startupTime.toNanos() / 1e6, tasks, mib(residentBytes), mib(peakResidentBytes));
    }

    private static String mib(OptionalLong bytes) {
        return bytes.isPresent() ? String.format(Locale.ROOT, "%.1f MiB", bytes.getAsLong() / 1048576.0) : "unknown";
    }
}
