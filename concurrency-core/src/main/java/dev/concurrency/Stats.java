package dev.concurrency;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one run.
 *
 * @param wallTime    from the start of the run until its last task ended
 * @param cpuTime     CPU time the whole JVM used meanwhile (the tasks, the
 *                    library, and whatever else ran, such as the JIT and GC)
 * @param tasks       each task's timing, in input order
 * @param peakThreads the most threads (platform or virtual) the strategy had
 *                    alive at once while this run's tasks ran
 */
public record Stats(Duration wallTime, Duration cpuTime, List<TaskTiming> tasks, int peakThreads) {

    public Stats {
        tasks = List.copyOf(tasks);
    }

    /** @return tasks ended per second of wall time */
    public double tasksPerSecond() {
        long nanos = wallTime.toNanos();
        return nanos == 0 ? 0 : tasks.size() * 1e9 / nanos;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "wall %.3f s, cpu %.3f s, %d tasks, %.1f tasks/s, peak threads %d",
                wallTime.toNanos() / 1e9, cpuTime.toNanos() / 1e9, tasks.size(), tasksPerSecond(), peakThreads);
    }
}
