package dev.concurrency.internal;

import dev.concurrency.Outcome;
import dev.concurrency.RunOptions;
import dev.concurrency.Task;
import dev.concurrency.TaskInfo;
import dev.concurrency.TaskListener;
import dev.concurrency.internal.engine.Decoration;
import dev.concurrency.internal.engine.Durations;
import dev.concurrency.internal.engine.Execution;
import dev.concurrency.internal.engine.ExecutionObserver;
import dev.concurrency.internal.engine.Providers;
import dev.concurrency.internal.engine.ThreadTracker;
import dev.concurrency.internal.engine.Untimed;
import dev.concurrency.internal.gil.GilDecorator;
import dev.concurrency.spi.Engine;
import dev.concurrency.spi.GilScope;
import dev.concurrency.spi.RemoteFigures;
import dev.concurrency.spi.StrategyProvider;
import dev.concurrency.spi.VirtualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every strategy shares, above its {@link Engine}: admission in input
 * order under the concurrency bound, per-task timeouts, listener events, and
 * the lifecycle (running, shut down, terminated) of a runner.
 *
 * <p>Admission ({@link Admission}): accepted executions wait in a FIFO
 * queue; whoever adds one, or frees a permit by ending one, then drains:
 * while a permit and a waiting execution are both there, hand the execution
 * to the engine. Either the adder sees the freed permit or the freer sees the
 * added execution, so nothing is stranded.
 *
 * <pre>
 *  lifecycle   | entered by                               | accepts tasks
 *  ------------+------------------------------------------+--------------
 *  RUNNING     | construction                             | yes
 *  SHUTDOWN    | shutdown(): tasks accepted still run     | no
 *  TERMINATED  | last task ended after shutdown, engine   | no
 *              | and timer threads all joined             |
 * </pre>
 *
 * This class is thread-safe.
 */
public final class TaskScheduler {

    private static final Logger log = LoggerFactory.getLogger(TaskScheduler.class);

    private final RunOptions options;
    private final StrategyProvider provider;
    private final Engine engine;
    /** The engine's virtual clock in a simulated run; {@code null} on real time. */
    private final VirtualTime virtualTime;
    private final String name;
    private final Admission<Execution<?>> admission;
    /** The run's emulated interpreter lock; {@code null} without one, or where the engine keeps its own. */
    private final GilDecorator gil;
    /**
     * The submissions with an execution accepted and not yet ended: one entry per batch, not per task. Added
     * under {@link #lifecycle} while not shut down; once shut down and empty, the runner's tasks are all done.
     */
    private final Set<Submission> pending = ConcurrentHashMap.newKeySet();
    /** The per-task timeout, or {@code null}. */
    private final Duration taskTimeout;

    private final ReentrantLock lifecycle = new ReentrantLock();
    /** Written under {@link #lifecycle}; read without it. */
    private volatile boolean shutdown;
    /** Guarded by {@link #lifecycle}: whether {@link #finishTasks()} has run. */
    private boolean finished;
    /** Guarded by {@link #lifecycle}; made on first need. */
    private ScheduledThreadPoolExecutor timer;
    private ThreadTracker timerThreads;
    private final CountDownLatch tasksEnded = new CountDownLatch(1);
    private volatile boolean terminated;

    /**
     * @param options the runner's options
     * @throws IllegalArgumentException if an attached setting does not apply to the strategy
     * @throws IllegalStateException    if the strategy's provider is missing
     */
    public TaskScheduler(RunOptions options) {
        this.options = options;
        this.provider = Providers.installed().checkOptions(options);
        this.name = options.strategy().name();
        this.admission = new Admission<>(provider.admissionBound(options), Execution::markDispatched, this::start);
        this.gil = provider.gilScope() == GilScope.PER_RUN ? GilDecorator.of(options.gil()) : null;
        this.engine = Providers.newEngine(provider, options);
        this.virtualTime = engine.virtualTime().orElse(null);
        this.taskTimeout = options.taskTimeout().orElse(null);
        log.debug("opened {} runner: {}", name, options);
    }

    /** @return the options */
    public RunOptions options() {
        return options;
    }

    /** @return how many threads the engine has alive now */
    public int liveThreads() {
        return engine.liveThreads();
    }

    /** @return the strategy's provider */
    public StrategyProvider provider() {
        return provider;
    }

    /** @return whether the run is a simulation, on a virtual clock */
    boolean isSimulated() {
        return virtualTime != null;
    }

    /** @return the run's clock: {@link System#nanoTime()}, or the virtual time of a simulated run */
    long nanoTime() {
        return virtualTime == null ? System.nanoTime() : virtualTime.nanoTime();
    }

    /**
     * Keeps a simulated run still while a batch is handed over, so that it sees the whole batch.
     *
     * @return the release; does nothing on real time
     */
    Runnable hold() {
        return virtualTime == null ? () -> { } : virtualTime.hold();
    }

    /** @return the trace of a simulated run so far, to mark where a batch begins; 0 on real time */
    int traceLength() {
        return virtualTime == null ? 0 : virtualTime.traceLength();
    }

    /**
     * @param from a mark {@link #traceLength()} gave
     * @return the trace since then; {@code null} on real time
     */
    dev.concurrency.Trace trace(int from) {
        return virtualTime == null ? null : virtualTime.trace(from);
    }

    /**
     * Runs {@code action} once the run's clock has moved on by {@code delay}: on
     * the timer thread, or in a simulated run on its virtual clock, and then,
     * if {@code realToo}, on the timer thread as well, whichever comes first
     * (so that a run always returns in real time).
     *
     * @param action  what to do; may run twice when {@code realToo}
     * @param delay   after how long
     * @param realToo whether a simulated run also arms it in real time
     * @return cancels it
     */
    Runnable after(Runnable action, Duration delay, boolean realToo) {
        if (virtualTime == null) {
            ScheduledFuture<?> real = schedule(action, delay);
            return () -> real.cancel(false);
        }
        Runnable simulated = virtualTime.schedule(delay, action);
        if (!realToo) {
            return simulated;
        }
        ScheduledFuture<?> real = schedule(action, delay);
        return () -> {
            simulated.run();
            real.cancel(false);
        };
    }

    /** Adds a task's start to a simulated run's trace; nothing on real time. */
    private void traceStarted(Execution<?> execution) {
        if (virtualTime != null) {
            virtualTime.record(execution.info(), "started");
        }
    }

    /** Adds a task's end, with its outcome, to a simulated run's trace; nothing (not even the text) on real time. */
    private void traceEnded(Execution<?> execution) {
        if (virtualTime != null) {
            virtualTime.record(execution.info(), "ended " + execution.outcome());
        }
    }

    /** @return what the engine's processes outside this JVM have done so far */
    RemoteFigures remoteFigures() {
        return engine.remoteFigures();
    }

    /**
     * Makes an execution to {@link #submit} later.
     *
     * @param task       the task
     * @param info       its index and name
     * @param completion who waits for it
     * @param <T>        its result type
     * @return the execution, not yet accepted
     */
    <T> Execution<T> prepare(Task<T> task, TaskInfo info, Completion<T> completion) {
        return prepare(task, info, completion, nanoTime());
    }

    /**
     * Makes an execution to {@link #submit} later, handed over at a given time.
     *
     * @param task        the task
     * @param info        its index and name
     * @param completion  who waits for it
     * @param queuedNanos when it is handed over, on {@link #nanoTime()}'s clock
     * @param <T>         its result type
     * @return the execution, not yet accepted
     */
    <T> Execution<T> prepare(Task<T> task, TaskInfo info, Completion<T> completion, long queuedNanos) {
        return prepare(task, info, observer(completion), queuedNanos);
    }

    /**
     * Makes the executions of tasks handed over together ({@link #submit} them together later): without a
     * per-task timeout they share one observer, as they share their completion, rather than cost one each.
     *
     * @param tasks       the tasks, each at its index
     * @param completion  who waits for them
     * @param queuedNanos when they are handed over, on {@link #nanoTime()}'s clock
     * @param <T>         their result type
     * @return the executions, not yet accepted
     */
    <T> List<Execution<T>> prepareAll(List<? extends Task<T>> tasks, Completion<T> completion, long queuedNanos) {
        List<Execution<T>> executions = new ArrayList<>(tasks.size());
        Tracked<T> shared = taskTimeout == null ? new Tracked<>(completion) : null;
        for (int i = 0; i < tasks.size(); i++) {
            Task<T> task = tasks.get(i);
            executions.add(prepare(task, new TaskInfo(i, task.name()), shared != null ? shared : observer(completion),
                    queuedNanos));
        }
        return executions;
    }

    private <T> Execution<T> prepare(Task<T> task, TaskInfo info, Tracked<T> observer, long queuedNanos) {
        return new Execution<>(task, info, observer, gil == null ? Decoration.NONE : gil.newTask(), queuedNanos);
    }

    /** @return an observer of one execution: one that arms its timeout, if tasks have one */
    private <T> Tracked<T> observer(Completion<T> completion) {
        return taskTimeout == null ? new Tracked<>(completion) : new TimedTracked<>(completion, taskTimeout);
    }

    /**
     * Accepts executions (all or none) and starts them as the bound allows, in order.
     *
     * @param executions made by {@link #prepare}
     * @throws RejectedExecutionException if this scheduler is shut down
     */
    void submit(List<? extends Execution<?>> executions) {
        Submission submission = new Submission(executions);
        for (Execution<?> execution : executions) {
            ((Tracked<?>) execution.observer()).submission = submission;
        }
        lifecycle.lock();
        try {
            if (shutdown) {
                throw new RejectedExecutionException("this " + name + " runner is shut down and takes no new tasks");
            }
            if (!executions.isEmpty()) {
                pending.add(submission);
            }
        } finally {
            lifecycle.unlock();
        }
        Runnable release = hold();
        try {
            admission.admit(executions);
        } finally {
            release.run();
        }
    }

    /**
     * Schedules an action on this scheduler's timer thread.
     *
     * @param action what to do
     * @param delay  after how long
     * @return the scheduled action, to cancel
     */
    ScheduledFuture<?> schedule(Runnable action, Duration delay) {
        ScheduledThreadPoolExecutor t;
        lifecycle.lock();
        try {
            if (shutdown && pending.isEmpty()) {
                throw new RejectedExecutionException("this " + name + " runner is shut down and has no timer");
            }
            if (timer == null) {
                timerThreads = new ThreadTracker(Thread.ofPlatform().daemon(true)
                        .name("concurrency-" + name.toLowerCase(java.util.Locale.ROOT) + "-timer"));
                timer = new ScheduledThreadPoolExecutor(1, timerThreads);
                timer.setRemoveOnCancelPolicy(true);
            }
            t = timer;
        } finally {
            lifecycle.unlock();
        }
        return t.schedule(action, Durations.delayNanos(delay), TimeUnit.NANOSECONDS);
    }

    /**
     * After {@link Durations#STOP_GRACE}, abandons an execution whose outcome is
     * decided (cancelled, timed out) if its code still runs: it counts as ended,
     * its thread is left to finish on its own and no longer joined, and a WARN
     * names it. Nothing a task does can then keep its run from returning.
     *
     * @param execution an execution just cancelled
     * @param why       what cancelled it, for the report
     */
    void abandonLater(Execution<?> execution, String why) {
        try {
            schedule(() -> abandonIfStuck(execution, why), Durations.STOP_GRACE);
        } catch (RejectedExecutionException e) {
            log.debug("{}: ended as it was cancelled; nothing to abandon", execution);
        }
    }

    private void abandonIfStuck(Execution<?> execution, String why) {
        Thread thread = execution.runner();
        if (execution.abandon(new IllegalStateException(execution + " was abandoned"))) {
            if (thread != null) {
                engine.abandoned(thread);
            }
            log.warn("{} did not stop within {} ms of {}; abandoned{}", execution,
                    Durations.STOP_GRACE.toMillis(), why,
                    thread == null ? "" : ": its thread '" + thread.getName() + "' is left to finish on its own");
        }
    }

    /** Hands an admitted execution to the engine; one it cannot start ends failed. */
    private void start(Execution<?> execution) {
        try {
            engine.start(execution);
        } catch (Throwable t) {
            log.warn("{}: {} could not start a thread for it", execution, name, t);
            execution.failToStart(t);
        }
    }

    /** Stops accepting tasks; accepted ones still run. Does not wait. */
    public void shutdown() {
        lifecycle.lock();
        try {
            if (shutdown) {
                return;
            }
            shutdown = true;
            if (pending.isEmpty()) {
                finishTasks();
            }
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * Shuts down, cancels the tasks not yet started and interrupts the running ones.
     *
     * @return the tasks that never started, in the order they were accepted
     */
    List<Task<?>> shutdownNow() {
        shutdown();
        List<Execution<?>> notStarted = new ArrayList<>();
        for (Submission submission : List.copyOf(pending)) {
            for (Execution<?> execution : submission.executions) {
                if (cancelIfNotStarted(execution)) {
                    notStarted.add(execution);
                }
            }
        }
        for (Submission submission : List.copyOf(pending)) {
            // only running ones: one accepted since the first pass was not returned, so it must still run
            for (Execution<?> execution : submission.executions) {
                cancelIfRunning(execution);
            }
        }
        notStarted.sort(Comparator.comparingLong(Execution::queuedNanos));
        List<Task<?>> tasks = new ArrayList<>(notStarted.size());
        for (Execution<?> execution : notStarted) {
            tasks.add(execution.task());
        }
        return tasks;
    }

    private static <T> boolean cancelIfNotStarted(Execution<T> execution) {
        return execution.endIfNotStarted(new Outcome.Cancelled<>());
    }

    private static <T> void cancelIfRunning(Execution<T> execution) {
        execution.cancelIfRunning(new Outcome.Cancelled<>());
    }

    static <T> void cancel(Execution<T> execution) {
        execution.cancel(new Outcome.Cancelled<>(), new Outcome.Cancelled<>());
    }

    /** @return whether {@link #shutdown()} was called */
    public boolean isShutdown() {
        return shutdown;
    }

    /**
     * Waits until shut down, every task has ended, and no thread of this runner is alive.
     *
     * @param timeoutNanos the longest to wait
     * @return whether terminated
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitTermination(long timeoutNanos) throws InterruptedException {
        if (terminated) {
            return true;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        if (!tasksEnded.await(timeoutNanos, TimeUnit.NANOSECONDS)) {
            return false;
        }
        if (!engine.awaitTermination(Math.max(0, deadline - System.nanoTime()))) {
            return false;
        }
        ThreadTracker timerThreadsNow;
        lifecycle.lock();
        try {
            timerThreadsNow = timerThreads;
        } finally {
            lifecycle.unlock();
        }
        if (timerThreadsNow != null && !timerThreadsNow.joinAll(deadline)) {
            return false;
        }
        if (!terminated) {
            terminated = true;
            log.debug("{} runner terminated", name);
        }
        return true;
    }

    /** @return whether terminated; checks without waiting */
    public boolean isTerminated() {
        try {
            return awaitTermination(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return whether the calling thread is one of this runner's engine's, running its tasks */
    public boolean calledFromOwnThread() {
        return engine.ownsCurrentThread();
    }

    /**
     * Shuts down and waits for termination, as {@link java.util.concurrent.ExecutorService#close()}
     * does: if interrupted meanwhile, cancels every task, keeps waiting, and
     * leaves the interrupt status set.
     */
    public void close() {
        shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (awaitTermination(TimeUnit.DAYS.toNanos(1))) {
                    break;
                }
            } catch (InterruptedException e) {
                if (!interrupted) {
                    shutdownNow();
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Guarded by {@link #lifecycle}: called once shut down with nothing left to run; runs once. */
    private void finishTasks() {
        if (finished) {
            return;
        }
        finished = true;
        engine.shutdown();
        if (timer != null) {
            timer.shutdownNow();
        }
        tasksEnded.countDown();
    }

    private void ended(Execution<?> execution) {
        Tracked<?> tracked = (Tracked<?>) execution.observer();
        Submission submission = tracked.submission;
        boolean last = submission != null && submission.left.decrementAndGet() == 0;
        if (execution.wasDispatched()) {
            admission.release();
        }
        if (last) {
            pending.remove(submission);
            // shutdown() sees no submission left, or this sees shutdown set: one of the two finishes
            if (shutdown) {
                lifecycle.lock();
                try {
                    if (pending.isEmpty()) {
                        finishTasks();
                    }
                } finally {
                    lifecycle.unlock();
                }
            }
            tracked.completion.allEnded();
        }
        admission.drain();
    }

    @SuppressWarnings("unchecked")
    private static <V> Outcome<V> outcomeOf(Execution<V> execution) {
        return execution.outcome();
    }

    /** Executions accepted together, kept (for {@link #shutdownNow()}) until every one has ended. */
    private static final class Submission {
        final List<? extends Execution<?>> executions;
        final java.util.concurrent.atomic.AtomicInteger left;

        Submission(List<? extends Execution<?>> executions) {
            this.executions = executions;
            this.left = new java.util.concurrent.atomic.AtomicInteger(executions.size());
        }
    }

    /**
     * The scheduler's view of executions accepted together, then their completion's: one for all of them
     * (a {@link TimedTracked} for each where tasks have a timeout).
     */
    private class Tracked<T> implements ExecutionObserver {

        /** Set when accepted, before the executions can start or end. */
        Submission submission;

        @Override
        public long nanoTime() {
            return TaskScheduler.this.nanoTime();
        }

        private final Completion<T> completion;

        Tracked(Completion<T> completion) {
            this.completion = completion;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void started(Execution<?> execution) {
            Execution<T> e = (Execution<T>) execution;
            completion.started(e);
            traceStarted(e);
            try {
                options.listener().started(e.info());
            } catch (Throwable ex) { // an Error too: a listener must not take the run down
                log.warn("{}: task listener failed on start", e, ex);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public ExecutionObserver children(Execution<?> parent) {
            Execution<T> p = (Execution<T>) parent;
            return new ExecutionObserver() {
                @Override
                public void started(Execution<?> child) {
                    traceStarted(child);
                    try {
                        options.listener().started(child.info());
                    } catch (Throwable ex) { // an Error too: a listener must not take the run down
                        log.warn("{}: task listener failed on start", child, ex);
                    }
                }

                @Override
                public void ended(Execution<?> child) {
                    traceEnded(child);
                    try {
                        options.listener().finished(child.info(), outcomeOf(child));
                    } catch (Throwable ex) {
                        log.warn("{}: task listener failed on finish", child, ex);
                    }
                    completion.childEnded(p, child);
                }

                @Override
                public ExecutionObserver children(Execution<?> grandparent) {
                    return Tracked.this.children(grandparent);
                }

                @Override
                public long nanoTime() {
                    return TaskScheduler.this.nanoTime();
                }
            };
        }

        @Override
        @SuppressWarnings("unchecked")
        public void ended(Execution<?> execution) {
            Execution<T> e = (Execution<T>) execution;
            traceEnded(e);
            TaskListener listener = options.listener();
            try {
                listener.finished(e.info(), e.outcome());
            } catch (Throwable ex) { // an Error too: a listener must not take the run down
                log.warn("{}: task listener failed on finish", e, ex);
            }
            try {
                completion.ended(e);
            } finally {
                TaskScheduler.this.ended(e);
            }
        }
    }

    /** The view of one execution whose task has a timeout of its own: armed as it starts, disarmed as it ends. */
    private final class TimedTracked<T> extends Tracked<T> {

        private final Duration limit;
        /** Set and read only by the task's thread (started, then ended): disarms its timeout. */
        private Runnable timeout;

        TimedTracked(Completion<T> completion, Duration limit) {
            super(completion);
            this.limit = limit;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void started(Execution<?> execution) {
            Execution<T> e = (Execution<T>) execution;
            if (!(e.task() instanceof Untimed)) {
                timeout = after(() -> {
                    if (e.cancel(new Outcome.TimedOut<>(limit), new Outcome.Cancelled<>())) {
                        abandonLater(e, "its timeout");
                    }
                }, limit, false);
            }
            super.started(execution);
        }

        @Override
        public void ended(Execution<?> execution) {
            if (timeout != null) {
                timeout.run();
            }
            super.ended(execution);
        }
    }
}
