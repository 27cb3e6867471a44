package dev.concurrency.spi;

import dev.concurrency.Gil;
import dev.concurrency.Outcome;
import dev.concurrency.Task;
import dev.concurrency.TaskInfo;
import dev.concurrency.internal.engine.ChildLauncher;
import dev.concurrency.internal.engine.Execution;
import dev.concurrency.internal.engine.ThreadTracker;
import dev.concurrency.internal.engine.ExecutionObserver;
import dev.concurrency.internal.gil.GilDecorator;
import dev.concurrency.internal.thread.BlockingTaskContext;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The far side of a strategy that runs tasks in other JVMs (a worker process,
 * a cluster member): runs one task at a time on the calling thread, with a
 * blocking {@link dev.concurrency.TaskContext} as under
 * {@link dev.concurrency.Strategy#THREAD}, under this JVM's own interpreter
 * lock when a GIL is asked for (one lock per runner, so one per process when
 * the process keeps one runner), and packs its outcome as a {@link RemoteResult}.
 * {@link #cancel()} stops the running task from another thread: its context
 * then reports it cancelled, and its waits are interrupted.
 *
 * <pre>{@code
 * RemoteTaskRunner runner = new RemoteTaskRunner();
 * RemoteResult result = runner.run(task, new TaskInfo(0, task.name()), Gil.off());
 * }</pre>
 *
 * <p>Thread-safe: several threads may each run a task at once (a cluster
 * member's pool); they share this runner's interpreter lock, as the threads of
 * one Python process share one. {@link #cancel()} stops the task of the
 * three-argument {@link #run(Task, TaskInfo, Gil)}; a task run with
 * {@link #run(Task, TaskInfo, Gil, Consumer)} is stopped through the handle given to its caller.
 */
public final class RemoteTaskRunner {

    private static final ExecutionObserver NO_OBSERVER = ExecutionObserver.NONE;
    /** Children the tasks spawn run on virtual threads of this JVM, as the task itself runs here. */
    private static final ThreadTracker CHILD_THREADS = new ThreadTracker(Thread.ofVirtual().name("concurrency-child-", 0));
    private static final ChildLauncher CHILDREN = new ChildLauncher() {
        @Override
        public void start(Execution<?> child) {
            CHILD_THREADS.start(() -> child.run(BlockingTaskContext.of(child, this)));
        }
    };

    /** This runner's interpreter lock, made by the first task that asks for one; guarded by {@code this}. */
    private GilDecorator gil;
    /** Stops the task of the three-argument {@link #run}, while one runs. */
    private volatile Runnable running;

    /** Makes a runner with no task running; its interpreter lock is made when a task first asks for one. */
    public RemoteTaskRunner() {
    }

    /**
     * Runs a task on the calling thread and packs its outcome; {@link #cancel()} stops it.
     *
     * @param task the task, as received
     * @param info its index and name
     * @param gil  the interpreter lock it runs under; {@link Gil#off()} for none
     * @param <T>  its result type
     * @return its packed outcome
     * @throws IOException if not even a stand-in for its exception can be serialized
     */
    public <T> RemoteResult run(Task<T> task, TaskInfo info, Gil gil) throws IOException {
        try {
            return run(task, info, gil, cancel -> running = cancel);
        } finally {
            running = null;
        }
    }

    /**
     * Runs a task on the calling thread, while other threads may run others
     * through this runner, and packs its outcome. Before the task's code runs,
     * {@code started} is given what cancels this task alone: thread-safe, it
     * may be called from any thread, any number of times, also after the task ended.
     *
     * @param task    the task, as received
     * @param info    its index and name
     * @param gil     the interpreter lock it runs under; {@link Gil#off()} for none
     * @param started receives the task's cancellation, on the calling thread, before the task runs
     * @param <T>     its result type
     * @return its packed outcome
     * @throws IOException if not even a stand-in for its exception can be serialized
     */
    public <T> RemoteResult run(Task<T> task, TaskInfo info, Gil gil, Consumer<Runnable> started) throws IOException {
        Objects.requireNonNull(task, "task is null");
        Objects.requireNonNull(info, "info is null");
        Objects.requireNonNull(gil, "gil is null");
        Objects.requireNonNull(started, "started is null");
        Execution<T> execution = new Execution<>(task, info, NO_OBSERVER,
                gil.isOff() ? dev.concurrency.internal.engine.Decoration.NONE : decorator(gil).newTask());
        started.accept(() -> cancel(execution));
        execution.run(BlockingTaskContext.of(execution, CHILDREN));
        Outcome<T> outcome = execution.outcome();
        return RemoteResult.of(info, outcome, execution.gilStats());
    }

    private synchronized GilDecorator decorator(Gil requested) {
        if (gil == null || !gil.gil().equals(requested)) {
            gil = GilDecorator.of(requested);
        }
        return gil;
    }

    /** Cancels the task of the three-argument {@link #run}, if one runs: it ends cancelled, interrupted at its next wait. */
    public void cancel() {
        Runnable cancel = running;
        if (cancel != null) {
            cancel.run();
        }
    }

    private static <T> void cancel(Execution<T> execution) {
        execution.cancel(new Outcome.Cancelled<>(), new Outcome.Cancelled<>());
    }
}
