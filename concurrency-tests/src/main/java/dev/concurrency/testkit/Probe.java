package dev.concurrency.testkit;

import dev.concurrency.AsyncTask;
import dev.concurrency.Outcome;
import dev.concurrency.Task;
import dev.concurrency.TaskInfo;
import dev.concurrency.TaskListener;
import java.io.Serial;
import java.io.Serializable;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches tasks from the inside: how often each ran, how many ran at once,
 * and (in this JVM only) which threads ran them. Wrap tasks with
 * {@link #watch} or {@link #watchAsync}, or give the probe to
 * {@link TaskSpecs#toTasks(java.util.List, Probe)}.
 *
 * <p>A probe works across processes: it is {@link Serializable}, and its
 * counts live in {@link SharedCounters}, so a task serialized to a worker
 * process reports to the test's probe. A task that cannot say it has ended
 * (its worker process was killed at its timeout) is counted out when its run
 * says it ended, if the run's options have {@link #listener()}. Close the
 * probe to delete its file.
 *
 * <pre>{@code
 * try (Probe probe = new Probe(mix.size())) {
 *     Concurrency.run(TaskSpecs.toTasks(mix, probe), RunOptions.of(strategy).maxConcurrency(2).listener(probe.listener()));
 *     if (probe.maxInFlight() > 2) throw new AssertionError("at once: " + probe.maxInFlight());
 * }
 * }</pre>
 *
 * <p>Your own tasks: {@code probe.watch(i, tasks.get(i))} for each index {@code i}.
 *
 * This class is thread-safe, and safe across processes.
 */
public final class Probe implements Serializable, AutoCloseable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The probes of this JVM by file, so that a copy deserialized here is the original (for {@link #threads()}). */
    private static final Map<String, WeakReference<Probe>> LIVE = new ConcurrentHashMap<>();

    private static final int IN_FLIGHT = 0;
    private static final int MAX_IN_FLIGHT = 1;
    private static final int FIRST_RUNS = 2;

    private static final int OUT = 0;
    private static final int IN = 1;

    /** How many tasks it watches, by index. */
    private final int tasks;
    /** [inFlight, maxInFlight, runs of each task..., state (IN or OUT) of each task...] */
    private final SharedCounters counters;
    /** Threads of this JVM that entered or exited a task; empty in a copy made in another JVM. */
    private transient Set<Thread> threads;

    /**
     * Makes a probe that counts in a fresh memory-mapped file.
     *
     * @param tasks how many tasks it watches, by index
     * @throws IllegalArgumentException if {@code tasks} is negative
     * @throws java.io.UncheckedIOException if its file cannot be made
     */
    public Probe(int tasks) {
        if (tasks < 0) {
            throw new IllegalArgumentException("tasks: " + tasks + " (expected: >= 0)");
        }
        this.tasks = tasks;
        this.counters = new SharedCounters(FIRST_RUNS + 2 * tasks);
        this.threads = ConcurrentHashMap.newKeySet();
        LIVE.put(counters.toString(), new WeakReference<>(this));
    }

    /**
     * Called by task {@code index} as it begins.
     *
     * @param index the task's position
     */
    public void enter(int index) {
        counters.incrementAndGet(runsAt(index));
        threads.add(Thread.currentThread());
        if (counters.compareAndSet(stateAt(index), OUT, IN)) {
            counters.raiseTo(MAX_IN_FLIGHT, counters.incrementAndGet(IN_FLIGHT));
        }
    }

    /**
     * Called by task {@code index} as it ends, however it ends; only the first
     * call after {@link #enter} counts.
     *
     * @param index the task's position
     */
    public void exit(int index) {
        threads.add(Thread.currentThread());
        if (counters.compareAndSet(stateAt(index), IN, OUT)) {
            counters.addAndGet(IN_FLIGHT, -1);
        }
    }

    /**
     * {@return how many times that task began to run}
     *
     * @param index a task's position
     */
    public int runs(int index) {
        return counters.get(runsAt(index));
    }

    /** {@return how many tasks have entered and not exited: 0 once every watched task has ended} */
    public int inFlight() {
        return counters.get(IN_FLIGHT);
    }

    /** {@return the most tasks seen running at once} */
    public int maxInFlight() {
        return counters.get(MAX_IN_FLIGHT);
    }

    /**
     * The threads of this JVM that entered or exited a watched task (for an
     * async task, the thread that started it and the one its stage completed
     * on). An in-process view: tasks that ran in another process are not in it.
     *
     * @return those threads
     */
    public Set<Thread> threads() {
        return Set.copyOf(threads);
    }

    /**
     * A listener for the run's options that counts task {@code i} of the run
     * out when the run says it has ended, for tasks that cannot (a killed
     * worker process). Submitted tasks, which have no index, are not counted out.
     *
     * @return the listener
     */
    public TaskListener listener() {
        return new TaskListener() {
            @Override
            public void finished(TaskInfo task, Outcome<?> outcome) {
                if (task.index() >= 0 && task.index() < tasks) {
                    exit(task.index());
                }
            }
        };
    }

    /**
     * {@return a task, named as {@code task}, that enters as it begins and exits as it ends}
     *
     * @param index the task's position
     * @param task  a direct-style task
     * @param <T>   its result type
     */
    public <T> Task<T> watch(int index, Task<T> task) {
        return new WatchedTask<>(this, checked(index), task);
    }

    /**
     * {@return an async task, named as {@code task}, that enters as it starts and exits once its stage completes (or, under a direct-style strategy, when its {@code run} returns)}
     *
     * @param index the task's position
     * @param task  a callback-style task
     * @param <T>   its result type
     */
    public <T> AsyncTask<T> watchAsync(int index, AsyncTask<T> task) {
        return new WatchedAsyncTask<>(this, checked(index), task);
    }

    /** Deletes the probe's file; copies in other processes become unusable. */
    @Override
    public void close() {
        LIVE.remove(counters.toString());
        counters.close();
    }

    @Override
    public String toString() {
        return "Probe[" + tasks + " tasks, " + counters + "]";
    }

    private int checked(int index) {
        if (index < 0 || index >= tasks) {
            throw new IndexOutOfBoundsException("index: " + index + " (expected: 0 to " + (tasks - 1) + ")");
        }
        return index;
    }

    private int runsAt(int index) {
        return FIRST_RUNS + checked(index);
    }

    private int stateAt(int index) {
        return FIRST_RUNS + tasks + checked(index);
    }

    /**
     * A copy deserialized in the JVM of its original is the original; elsewhere it starts its own thread view.
     *
     * @return the original, or this copy
     */
    @Serial
    private Object readResolve() {
        WeakReference<Probe> ref = LIVE.get(counters.toString());
        Probe original = ref == null ? null : ref.get();
        if (original != null) {
            return original;
        }
        threads = ConcurrentHashMap.newKeySet();
        return this;
    }
}
