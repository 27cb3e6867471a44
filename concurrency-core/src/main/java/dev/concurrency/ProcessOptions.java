package dev.concurrency;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
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

    private static final ProcessOptions DEFAULTS = new ProcessOptions(0, 0, List.of(), null);

    private final int workers;
    private final int maxTasksPerWorker;
    private final List<String> workerJvmFlags;
    /** {@code null}: gathered from this JVM. */
    private final String workerClassPath;

    private ProcessOptions(int workers, int maxTasksPerWorker, List<String> workerJvmFlags, String workerClassPath) {
        this.workers = workers;
        this.maxTasksPerWorker = maxTasksPerWorker;
        this.workerJvmFlags = workerJvmFlags;
        this.workerClassPath = workerClassPath;
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
        return new ProcessOptions(workers, maxTasksPerWorker, workerJvmFlags, workerClassPath);
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
        return new ProcessOptions(workers, tasks, workerJvmFlags, workerClassPath);
    }

    /**
     * JVM options for the worker processes, after the ones they take from this
     * JVM (such as {@code --add-opens}, {@code -D} and {@code -Xmx}), so these
     * win; for example {@code "-Xmx256m"}. What the workers print, their
     * JVM's logging included, goes to this JVM's log.
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
        return new ProcessOptions(workers, maxTasksPerWorker, List.of(flags), workerClassPath);
    }

    /**
     * The class path of the worker processes, in place of the one gathered
     * from this JVM. By default it is gathered from where the library and the
     * tasks were actually loaded: this JVM's {@code java.class.path}, the URLs
     * of the class loaders of the calling thread and of the library (as
     * {@code mvn exec:java} and IDEs load applications), and the location of
     * each task's class. Set it when a launcher loads classes from places no
     * class loader names as URLs.
     *
     * @param classPath entries separated by {@link java.io.File#pathSeparator}, as for {@code java -cp}
     * @return new options
     * @throws IllegalArgumentException if {@code classPath} is blank
     */
    public ProcessOptions workerClassPath(String classPath) {
        Objects.requireNonNull(classPath, "classPath is null");
        if (classPath.isBlank()) {
            throw new IllegalArgumentException("workerClassPath: '" + classPath
                    + "' (expected: class path entries separated by '" + java.io.File.pathSeparator + "')");
        }
        return new ProcessOptions(workers, maxTasksPerWorker, workerJvmFlags, classPath);
    }

    /** {@return the workers' class path, if set with {@link #workerClassPath(String)}} */
    public Optional<String> workerClassPath() {
        return Optional.ofNullable(workerClassPath);
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
        if (workerClassPath != null) s.add("workerClassPath(" + workerClassPath + ")");
        return s.length() == 0 ? "ProcessOptions.defaults()" : s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProcessOptions other && workers == other.workers
                && maxTasksPerWorker == other.maxTasksPerWorker && workerJvmFlags.equals(other.workerJvmFlags)
                && Objects.equals(workerClassPath, other.workerClassPath);
    }

    @Override
    public int hashCode() {
        return Objects.hash(workers, maxTasksPerWorker, workerJvmFlags, workerClassPath);
    }

    @Override
    public String toString() {
        return "ProcessOptions[" + settings() + "]";
    }
}
