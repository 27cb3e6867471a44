package dev.concurrency;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one run.
 *
 * <p>Immutable and thread-safe.
 *
 * @param wallTime    from the start of the run until its last task ended
 * @param cpuTime     CPU time the whole JVM used meanwhile (the tasks, the
 *                    library, and whatever else ran, such as the JIT and GC), plus
 *                    that of its worker processes under {@link Strategy#PROCESS}
 * @param tasks       each task's timing, in input order
 * @param peakThreads the most threads (platform or virtual) the strategy had
 *                    alive at once while this run's tasks ran, counted as tasks start (past a
 *                    run's first 64 tasks, at one start in 1,024: counting costs more than a short task)
 * @param gil         what the emulated interpreter lock did in this run (the sum over its tasks,
 *                    switches between them included); {@link GilStats#NONE} without one
 * @param workers     under {@link Strategy#PROCESS}, the worker processes alive when the last task
 *                    ended (their CPU time is in {@code cpuTime}); under {@link Strategy#CLUSTER}, the
 *                    cluster's members; empty under other strategies
 * @param abandoned   how many tasks did not stop within a grace (750 ms) of their cancellation or
 *                    timeout, and were abandoned: their outcome stands, and their threads were left to
 *                    finish on their own (the one exception to "no thread of the library is left")
 * @param children    the timings of the child tasks the run's tasks spawned in {@link TaskGroup}s, each
 *                    tagged with its parent, in the order they ended; not in {@code tasks}, which holds
 *                    one entry per input task (children that ran in worker processes are not here)
 * @param reruns      how many tasks ran more than once, as far as the strategy can know: under
 *                    {@link Strategy#CLUSTER} with at-least-once delivery, tasks run again on another
 *                    member after theirs died; 0 under every other strategy, which runs each task once
 */
public record Stats(Duration wallTime, Duration cpuTime, List<TaskTiming> tasks, int peakThreads, GilStats gil,
                    List<WorkerStats> workers, int abandoned, List<ChildTiming> children, long reruns) {

    /**
     * Checks the figures and copies the lists, which are unmodifiable afterwards.
     *
     * @throws NullPointerException if a list is null or holds null
     * @throws IllegalArgumentException if {@code abandoned} or {@code reruns} is negative
     */
    public Stats {
        tasks = tasks instanceof dev.concurrency.internal.TaskTimings kept ? kept : List.copyOf(tasks);
        workers = List.copyOf(workers);
        children = List.copyOf(children);
        if (abandoned < 0) {
            throw new IllegalArgumentException("abandoned: " + abandoned + " (expected: >= 0)");
        }
        if (reruns < 0) {
            throw new IllegalArgumentException("reruns: " + reruns + " (expected: >= 0)");
        }
    }

    /**
     * Figures of a run whose every task ran at most once.
     *
     * @param wallTime    from the start of the run until its last task ended
     * @param cpuTime     CPU time the whole JVM used meanwhile, its workers' included
     * @param tasks       each task's timing, in input order
     * @param peakThreads the most threads the strategy had alive at once
     * @param gil         what the emulated interpreter lock did
     * @param workers     the worker processes alive when the last task ended
     * @param abandoned   how many tasks were abandoned
     * @param children    the timings of the child tasks, in the order they ended
     */
    public Stats(Duration wallTime, Duration cpuTime, List<TaskTiming> tasks, int peakThreads, GilStats gil,
                 List<WorkerStats> workers, int abandoned, List<ChildTiming> children) {
        this(wallTime, cpuTime, tasks, peakThreads, gil, workers, abandoned, children, 0);
    }

    /**
     * Figures of a run whose tasks spawned no children.
     *
     * @param wallTime    from the start of the run until its last task ended
     * @param cpuTime     CPU time the whole JVM used meanwhile, its workers' included
     * @param tasks       each task's timing, in input order
     * @param peakThreads the most threads the strategy had alive at once
     * @param gil         what the emulated interpreter lock did
     * @param workers     the worker processes alive when the last task ended
     * @param abandoned   how many tasks were abandoned
     */
    public Stats(Duration wallTime, Duration cpuTime, List<TaskTiming> tasks, int peakThreads, GilStats gil,
                 List<WorkerStats> workers, int abandoned) {
        this(wallTime, cpuTime, tasks, peakThreads, gil, workers, abandoned, List.of());
    }

    /**
     * Figures of a run that abandoned no task.
     *
     * @param wallTime    from the start of the run until its last task ended
     * @param cpuTime     CPU time the whole JVM used meanwhile, its workers' included
     * @param tasks       each task's timing, in input order
     * @param peakThreads the most threads the strategy had alive at once
     * @param gil         what the emulated interpreter lock did
     * @param workers     the worker processes alive when the last task ended
     */
    public Stats(Duration wallTime, Duration cpuTime, List<TaskTiming> tasks, int peakThreads, GilStats gil,
                 List<WorkerStats> workers) {
        this(wallTime, cpuTime, tasks, peakThreads, gil, workers, 0);
    }

    /**
     * Figures of a run without worker processes.
     *
     * @param wallTime    from the start of the run until its last task ended
     * @param cpuTime     CPU time the whole JVM used meanwhile
     * @param tasks       each task's timing, in input order
     * @param peakThreads the most threads the strategy had alive at once
     * @param gil         what the emulated interpreter lock did
     */
    public Stats(Duration wallTime, Duration cpuTime, List<TaskTiming> tasks, int peakThreads, GilStats gil) {
        this(wallTime, cpuTime, tasks, peakThreads, gil, List.of());
    }

    /**
     * Figures of a run without a GIL.
     *
     * @param wallTime    from the start of the run until its last task ended
     * @param cpuTime     CPU time the whole JVM used meanwhile
     * @param tasks       each task's timing, in input order
     * @param peakThreads the most threads the strategy had alive at once
     */
    public Stats(Duration wallTime, Duration cpuTime, List<TaskTiming> tasks, int peakThreads) {
        this(wallTime, cpuTime, tasks, peakThreads, GilStats.NONE);
    }

    /** {@return tasks ended per second of wall time} */
    public double tasksPerSecond() {
        long nanos = wallTime.toNanos();
        return nanos == 0 ? 0 : tasks.size() * 1e9 / nanos;
    }

    @Override
    public String toString() {
        String s = String.format(Locale.ROOT, "wall %.3f s, cpu %.3f s, %d tasks, %.1f tasks/s, peak threads %d",
                wallTime.toNanos() / 1e9, cpuTime.toNanos() / 1e9, tasks.size(), tasksPerSecond(), peakThreads);
        if (!workers.isEmpty()) {
            s += ", " + workers.size() + " workers";
        }
        if (abandoned > 0) {
            s += ", " + abandoned + " abandoned";
        }
        if (reruns > 0) {
            s += ", " + reruns + " ran again";
        }
        return gil.acquisitions() == 0 ? s : s + ", " + gil;
    }
}
