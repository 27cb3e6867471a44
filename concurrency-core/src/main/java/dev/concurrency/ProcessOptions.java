package dev.concurrency;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.StringJoiner;

/**
 * Settings of {@link Strategy#PROCESS}'s worker JVMs.
 * {@link RunOptions#workers(int)}, {@link RunOptions#maxTasksPerWorker(int)} and
 * {@link RunOptions#workerJvmFlags(String...)} are shortcuts for them.
 *
 * <pre>{@code
 * RunOptions options = RunOptions.of(Strategy.PROCESS)
 *         .with(ProcessOptions.defaults().workers(4).workerJvmFlags("-Xmx256m"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ProcessOptions implements StrategyOptions {

    private static final ProcessOptions DEFAULTS = new ProcessOptions(0, 0, List.of());

    private final int workers;
    private final int maxTasksPerWorker;
    private final List<String> workerJvmFlags;

    private ProcessOptions(int workers, int maxTasksPerWorker, List<String> workerJvmFlags) {
        this.workers = workers;
        this.maxTasksPerWorker = maxTasksPerWorker;
        this.workerJvmFlags = workerJvmFlags;
    }

    /** {@return the defaults: one worker per available processor, unlimited tasks per worker, no extra JVM flags} */
    public static ProcessOptions defaults() {
        return DEFAULTS;
    }

    /**
     * How many worker processes to keep; by default one per available
     * processor. At most this many tasks run at once.
     *
     * @param workers the number of worker processes, {@code > 0}
     * @return new options
     * @throws IllegalArgumentException if {@code workers <= 0}
     */
    public ProcessOptions workers(int workers) {
        if (workers <= 0) {
            throw new IllegalArgumentException("workers: " + workers + " (expected: > 0)");
        }
        return new ProcessOptions(workers, maxTasksPerWorker, workerJvmFlags);
    }

    /**
     * Replaces a worker process with a fresh one after it has run this many
     * tasks (Python's {@code max_tasks_per_child}). Unlimited by default.
     *
     * @param tasks how many tasks a worker runs before it is replaced, {@code > 0}
     * @return new options
     * @throws IllegalArgumentException if {@code tasks <= 0}
     */
    public ProcessOptions maxTasksPerWorker(int tasks) {
        if (tasks <= 0) {
            throw new IllegalArgumentException("maxTasksPerWorker: " + tasks + " (expected: > 0)");
        }
        return new ProcessOptions(workers, tasks, workerJvmFlags);
    }

    /**
     * JVM options for the worker processes, after the ones they take from this
     * JVM (such as {@code --add-opens}, {@code -D} and {@code -Xmx}), so these
     * win; for example {@code "-Xmx256m"}. Options that make a JVM print to its
     * standard output (such as {@code -Xlog} without an output, or
     * {@code -verbose:gc}) would corrupt the channel to the parent: send their
     * output to {@code stderr} ({@code -Xlog:gc:stderr}).
     *
     * @param flags the options, none null or blank
     * @return new options
     * @throws IllegalArgumentException naming the first null or blank flag
     */
    public ProcessOptions workerJvmFlags(String... flags) {
        Objects.requireNonNull(flags, "flags is null");
        for (int i = 0; i < flags.length; i++) {
            if (flags[i] == null || flags[i].isBlank()) {
                throw new IllegalArgumentException("workerJvmFlags[" + i + "]: '" + flags[i]
                        + "' (expected: a JVM option such as -Xmx256m)");
            }
        }
        return new ProcessOptions(workers, maxTasksPerWorker, List.of(flags));
    }

    /** {@return the number of worker processes, if set; empty means one per available processor} */

    public OptionalInt workers() {
        return workers == 0 ? OptionalInt.empty() : OptionalInt.of(workers);
    }

    /** {@return how many tasks a worker process runs before it is replaced, if limited} */
    public OptionalInt maxTasksPerWorker() {
        return maxTasksPerWorker == 0 ? OptionalInt.empty() : OptionalInt.of(maxTasksPerWorker);
    }

    /** {@return the extra JVM options of worker processes} */
    public List<String> workerJvmFlags() {
        return workerJvmFlags;
    }

    @Override
    public String settings() {
        StringJoiner s = new StringJoiner(", ");
        if (workers != 0) s.add("workers(" + workers + ")");
        if (maxTasksPerWorker != 0) s.add("maxTasksPerWorker(" + maxTasksPerWorker + ")");
        if (!workerJvmFlags.isEmpty()) s.add("workerJvmFlags(" + String.join(", ", workerJvmFlags) + ")");
        return s.length() == 0 ? "ProcessOptions.defaults()" : s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProcessOptions other && workers == other.workers
                && maxTasksPerWorker == other.maxTasksPerWorker && workerJvmFlags.equals(other.workerJvmFlags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(workers, maxTasksPerWorker, workerJvmFlags);
    }

    @Override
    public String toString() {
        return "ProcessOptions[" + settings() + "]";
    }
}
