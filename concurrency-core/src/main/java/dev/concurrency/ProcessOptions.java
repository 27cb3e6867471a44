package dev.concurrency;

import java.nio.file.Path;
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

    private static final ProcessOptions DEFAULTS = new ProcessOptions(0, 0, List.of(), null, true, null);

    private final int workers;
    private final int maxTasksPerWorker;
    private final List<String> workerJvmFlags;
    /** {@code null}: gathered from this JVM. */
    private final String workerClassPath;
    /** {@code false} after {@link #noClassDataCache()}. */
    private final boolean classDataSharing;
    /** {@code null}: the default directory. */
    private final Path classDataCache;

    private ProcessOptions(int workers, int maxTasksPerWorker, List<String> workerJvmFlags, String workerClassPath,
                           boolean classDataSharing, Path classDataCache) {
        this.workers = workers;
        this.maxTasksPerWorker = maxTasksPerWorker;
        this.workerJvmFlags = workerJvmFlags;
        this.workerClassPath = workerClassPath;
        this.classDataSharing = classDataSharing;
        this.classDataCache = classDataCache;
    }

    /**
     * {@return the defaults: one worker per available processor, unlimited tasks per worker, no extra JVM flags,
     * class-data sharing through the default cache directory}
     */
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
        return new ProcessOptions(workers, maxTasksPerWorker, workerJvmFlags, workerClassPath, classDataSharing,
                classDataCache);
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
        return new ProcessOptions(workers, tasks, workerJvmFlags, workerClassPath, classDataSharing, classDataCache);
    }

    /**
     * JVM options for the worker processes, after the ones they take from this
     * JVM (such as {@code --add-opens}, {@code -D} and {@code -Xmx}), so these
     * win; for example {@code "-Xmx256m"}. What the workers print, their
     * JVM's logging included, goes to this JVM's log. Flags of class-data
     * sharing ({@code -Xshare:...}, {@code -XX:SharedArchiveFile=...},
     * {@code -XX:ArchiveClassesAtExit=...}, {@code -XX:+AutoCreateSharedArchive},
     * {@code -XX:AOTCache=...} and the like), here or among this JVM's own,
     * turn the {@linkplain #classDataCache(Path) class-data cache} off: the
     * workers then share classes as those flags say.
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
        return new ProcessOptions(workers, maxTasksPerWorker, List.of(flags), workerClassPath, classDataSharing,
                classDataCache);
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
        return new ProcessOptions(workers, maxTasksPerWorker, workerJvmFlags, classPath, classDataSharing,
                classDataCache);
    }

    /**
     * Where the worker JVMs keep their class-data sharing archives, in place
     * of the default directory, {@code $XDG_CACHE_HOME/concurrency/cds} or
     * else {@code ~/.cache/concurrency/cds}. Created if missing.
     *
     * <p>By default a worker JVM maps an archive of the classes workers have
     * loaded before (the JDK's, the library's, the tasks'), which shortens
     * its start. The archive is made once per JDK, worker class path and
     * worker JVM flags (its name is derived from them, so applications do not
     * share one): the first worker started without one writes it as it
     * exits, when its runner closes (which takes a little longer that once),
     * and later workers use it. Only classes from JAR files are archived: a
     * worker class path that holds a directory of classes (as when running
     * from an IDE or {@code target/classes}) gets no archive. If the directory
     * cannot be created or written, workers run without an archive and this
     * is logged once; the run does not fail for it. Workers map what they
     * find there: give a directory that only this user can write.
     *
     * @param directory the cache directory; a relative path is resolved against the working directory
     * @return new options, with the cache on
     * @throws NullPointerException     if {@code directory} is null
     * @throws IllegalArgumentException if {@code directory} is the empty path
     * @see #noClassDataCache()
     */
    public ProcessOptions classDataCache(Path directory) {
        Objects.requireNonNull(directory, "directory is null");
        if (directory.toString().isEmpty()) {
            throw new IllegalArgumentException("classDataCache: '' (expected: a directory, such as "
                    + Path.of(System.getProperty("java.io.tmpdir"), "concurrency-cds") + ")");
        }
        return new ProcessOptions(workers, maxTasksPerWorker, workerJvmFlags, workerClassPath, true, directory);
    }

    /**
     * Turns the workers' {@linkplain #classDataCache(Path) class-data cache}
     * off: they start with the JDK's own class-data sharing only, and nothing
     * is written to disk.
     *
     * @return new options, with the cache off
     */
    public ProcessOptions noClassDataCache() {
        return new ProcessOptions(workers, maxTasksPerWorker, workerJvmFlags, workerClassPath, false, null);
    }

    /** {@return whether the workers keep a class-data cache: {@code false} after {@link #noClassDataCache()}} */
    public boolean classDataSharing() {
        return classDataSharing;
    }

    /** {@return the class-data cache directory, if set with {@link #classDataCache(Path)}; empty means the default} */
    public Optional<Path> classDataCache() {
        return Optional.ofNullable(classDataCache);
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
        if (!classDataSharing) s.add("noClassDataCache()");
        if (classDataCache != null) s.add("classDataCache(" + classDataCache + ")");
        return s.length() == 0 ? "ProcessOptions.defaults()" : s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProcessOptions other && workers == other.workers
                && maxTasksPerWorker == other.maxTasksPerWorker && workerJvmFlags.equals(other.workerJvmFlags)
                && Objects.equals(workerClassPath, other.workerClassPath)
                && classDataSharing == other.classDataSharing && Objects.equals(classDataCache, other.classDataCache);
    }

    @Override
    public int hashCode() {
        return Objects.hash(workers, maxTasksPerWorker, workerJvmFlags, workerClassPath, classDataSharing,
                classDataCache);
    }

    @Override
    public String toString() {
        return "ProcessOptions[" + settings() + "]";
    }
}
