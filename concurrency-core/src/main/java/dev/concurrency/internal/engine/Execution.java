package dev.concurrency.internal.engine;

import dev.concurrency.AsyncContext;
import dev.concurrency.AsyncTask;
import dev.concurrency.GilStats;
import dev.concurrency.Outcome;
import dev.concurrency.Task;
import dev.concurrency.TaskContext;
import dev.concurrency.TaskInfo;
import dev.concurrency.spi.TaskExecution;
import java.util.concurrent.CompletionStage;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One task's journey through a runner, shared by every engine.
 *
 * <pre>
 *  state      | how it is entered                    | outcome
 *  -----------+--------------------------------------+----------------------------------
 *  NEW        | created, queued                      | none yet
 *  RUNNING    | run() on an engine thread, or begin()| none yet, or decided by cancel()
 *  ENDED      | run() returned, finish(), or         | decided
 *             | cancel()/failToStart() while NEW, or |
 *             | abandon() while RUNNING              |
 * </pre>
 *
 * The outcome is decided once, by whoever comes first: the task's code
 * returning or throwing, or {@link #cancel}. A running task that is cancelled
 * is interrupted, and its own result is then discarded. {@link
 * ExecutionObserver#ended} is called exactly once, after the task's code has
 * returned (or when it is ended before it started).
 *
 * <p>The interrupt and the RUNNING to ENDED transition happen under one lock,
 * so a cancellation never interrupts a thread that has moved on to another
 * task; the thread clears any interrupt left over once the task ends.
 */
public final class Execution<T> implements TaskExecution<T> {

    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int ENDED = 2;

    private static final VarHandle OUTCOME;

    static {
        try {
            OUTCOME = MethodHandles.lookup().findVarHandle(Execution.class, "outcome", Outcome.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Task<T> task;
    private final TaskInfo info;
    /** {@code info}'s index, kept here: reading it must not cost a task a second object's cache line. */
    private final int index;
    private final ExecutionObserver observer;
    /** What the run wraps around the task's code (its GIL), or {@link Decoration#NONE}. */
    private final Decoration decoration;
    /** Decided once, through {@link #OUTCOME}; {@code null} while undecided. */
    private volatile Outcome<T> outcome;
    /** What a lock outside this JVM (a worker process's) did for the task; {@code null} if none reported. */
    private volatile GilStats reportedGil;

    /** Guarded by this execution's monitor. */
    private int state = NEW;
    /** The thread running the task's code in place ({@link #run}); {@code null} otherwise. */
    private volatile Thread runner;
    /** Whether it was ended while its code still ran, which was then left to finish on its own. */
    private volatile boolean abandoned;
    /**
     * Stops a task begun by {@link #begin}; guarded by this execution's monitor, set only while RUNNING.
     * A task run in place ({@link #run}) is stopped by interrupting {@link #runner}.
     */
    private Runnable interrupter;
    /** Written under this execution's monitor: whether the scheduler handed this execution to its engine. */
    private volatile boolean dispatched;
    /** Guarded by this execution's monitor: its run is being cancelled, so no engine may be handed it any more. */
    private boolean startForbidden;

    private final long queuedNanos;
    private volatile long startedNanos;
    private volatile long endedNanos;

    /**
     * @param task     the task
     * @param info     its index and name
     * @param observer told when it starts and ends
     */
    public Execution(Task<T> task, TaskInfo info, ExecutionObserver observer) {
        this(task, info, observer, Decoration.NONE);
    }

    /**
     * @param task       the task
     * @param info       its index and name
     * @param observer   told when it starts and ends
     * @param decoration what the run wraps around the task's code
     */
    public Execution(Task<T> task, TaskInfo info, ExecutionObserver observer, Decoration decoration) {
        this(task, info, observer, decoration, observer.nanoTime());
    }

    /**
     * @param task        the task
     * @param info        its index and name
     * @param observer    told when it starts and ends
     * @param decoration  what the run wraps around the task's code
     * @param queuedNanos when it was handed over, on the observer's clock (a batch's tasks share one reading)
     */
    public Execution(Task<T> task, TaskInfo info, ExecutionObserver observer, Decoration decoration,
                     long queuedNanos) {
        this.task = task;
        this.info = info;
        this.index = info.index();
        this.observer = observer;
        this.decoration = decoration;
        this.queuedNanos = queuedNanos;
    }

    /** Decides the outcome unless it is decided already; {@return whether this call decided it} */
    private boolean decide(Outcome<T> decided) {
        return OUTCOME.compareAndSet(this, null, decided);
    }

    /** @return who is told when it starts and ends */
    public ExecutionObserver observer() {
        return observer;
    }

    @Override
    public Task<T> task() {
        return task;
    }

    @Override
    public void reportGil(GilStats stats) {
        reportedGil = stats;
    }

    /** @return what the interpreter lock did for this task; {@link GilStats#NONE} without one */
    public GilStats gilStats() {
        GilStats reported = reportedGil;
        return reported != null ? reported : decoration.stats();
    }

    /** @return how the run observes the children this task spawns (its listener, its figures) */
    public ExecutionObserver childObserver() {
        return observer.children(this);
    }

    /** @return what wraps a child's code: the same interpreter lock as this task's */
    public Decoration childDecoration() {
        return decoration.sibling();
    }

    @Override
    public TaskInfo info() {
        return info;
    }

    /** @return {@code info().index()} */
    public int index() {
        return index;
    }

    @Override
    public void run(TaskContext context) {
        synchronized (this) {
            if (state != NEW) {
                return;
            }
            state = RUNNING;
            runner = Thread.currentThread();
            startedNanos = observer.nanoTime();
        }
        Outcome<T> result;
        try {
            observer.started(this);
            // without a decoration the task's code is called here: a frame less on the stack each coroutine
            // freezes and thaws at every suspension
            result = new Outcome.Success<>(decoration == Decoration.NONE ? task.run(context)
                    : decoration.call(task, context));
        } catch (Throwable t) {
            result = new Outcome.Failure<>(t);
        } finally {
            if (context instanceof ExecutionContext tracked) {
                tracked.releaseResources();
            }
        }
        synchronized (this) {
            runner = null;
            if (state == ENDED) { // abandoned meanwhile: the outcome and the observer's call are done
                Thread.interrupted();
                return;
            }
            state = ENDED;
        }
        if (Thread.currentThread().isInterrupted()) {
            Thread.interrupted(); // a cancellation that lost the race to the task's own result
        }
        decide(result);
        endedNanos = observer.nanoTime();
        observer.ended(this);
    }

    @Override
    public boolean begin(Runnable interrupter) {
        synchronized (this) {
            if (state != NEW) {
                return false;
            }
            state = RUNNING;
            this.interrupter = interrupter;
            startedNanos = observer.nanoTime();
        }
        observer.started(this);
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletionStage<T> startAsync(AsyncContext context) throws Exception {
        return decoration.start((AsyncTask<T>) task, context);
    }

    @Override
    public void finish(Outcome<T> result) {
        finish(result, () -> { });
    }

    /**
     * Ends an execution started by {@link #begin}, unless it has ended already.
     *
     * @param result    the task's own outcome; ignored if a cancellation decided first
     * @param resources releases what the task left open, before it counts as ended
     */
    public void finish(Outcome<T> result, Runnable resources) {
        synchronized (this) {
            if (state != RUNNING) {
                return;
            }
            state = ENDED;
            interrupter = null;
        }
        resources.run();
        decide(result);
        endedNanos = observer.nanoTime();
        observer.ended(this);
    }

    /**
     * Ends the execution with {@code ifRunning} if its code runs (interrupting
     * it), or with {@code ifNotStarted} if it has not started (it then never
     * will). Does nothing if the outcome is already decided.
     *
     * @param ifRunning    the outcome for a running task
     * @param ifNotStarted the outcome for a task not yet started
     * @return whether this call decided the outcome
     */
    public boolean cancel(Outcome<T> ifRunning, Outcome<T> ifNotStarted) {
        return end(ifRunning, ifNotStarted);
    }

    @Override
    public boolean abandon(Throwable error) {
        Thread left;
        synchronized (this) {
            if (state != RUNNING) {
                return false;
            }
            state = ENDED;
            interrupter = null;
            abandoned = true;
            left = runner;
            if (left != null) {
                // marked before it counts as ended (whoever then joins the engine skips it), and under the
                // lock, so that once run() returns on that thread the mark is there if it was abandoned
                ThreadTracker.abandon(left);
            }
        }
        decide(new Outcome.Failure<>(error));
        endedNanos = observer.nanoTime();
        observer.ended(this);
        return true;
    }

    @Override
    public boolean failToStart(Throwable error) {
        return endIfNotStarted(new Outcome.Failure<>(error));
    }

    /**
     * Ends the execution with {@code ifRunning} if its code runs (interrupting
     * it); leaves one that has not started alone.
     *
     * @param ifRunning the outcome for a running task
     * @return whether this call decided the outcome
     */
    public boolean cancelIfRunning(Outcome<T> ifRunning) {
        synchronized (this) {
            if (state != RUNNING || !decide(ifRunning)) {
                return false;
            }
            stop();
            return true;
        }
    }

    /** Guarded by this execution's monitor, while RUNNING: interrupts the task. */
    private void stop() {
        if (interrupter != null) {
            interrupter.run();
        } else {
            runner.interrupt();
        }
    }

    /**
     * Ends the execution with {@code outcome} if it has not started; it then never will.
     *
     * @param outcome how it ends
     * @return whether this call decided the outcome
     */
    public boolean endIfNotStarted(Outcome<T> outcome) {
        return end(null, outcome);
    }

    private boolean end(Outcome<T> ifRunning, Outcome<T> ifNotStarted) {
        synchronized (this) {
            if (state == NEW) {
                if (!decide(ifNotStarted)) return false;
                state = ENDED;
            } else if (state == RUNNING && ifRunning != null) {
                if (!decide(ifRunning)) return false;
                stop();
                return true;
            } else {
                return false;
            }
        }
        endedNanos = observer.nanoTime();
        observer.ended(this);
        return true;
    }

    /**
     * Marks the execution as handed to an engine, unless it has already ended.
     *
     * @return {@code false} if the execution has ended and must not be dispatched
     */
    public boolean markDispatched() {
        synchronized (this) {
            if (state != NEW || startForbidden) return false;
            dispatched = true;
            return true;
        }
    }

    /**
     * From now on the scheduler does not hand this execution to its engine: its
     * run is being cancelled (a deadline, fail-fast), and a permit freed meanwhile
     * must not start it.
     */
    public void forbidStart() {
        synchronized (this) {
            startForbidden = true;
        }
    }

    /** @return whether the execution was handed to an engine (and so holds a concurrency permit) */
    public boolean wasDispatched() {
        return dispatched;
    }

    /** @return the thread running the task's code in place, or {@code null} (not started, ended, or run elsewhere) */
    public Thread runner() {
        return runner;
    }

    /** @return whether it was ended while its code still ran ({@link #abandon}) */
    public boolean wasAbandoned() {
        return abandoned;
    }

    /** @return whether its code has begun to run */
    public boolean hasStarted() {
        return startedNanos != 0;
    }

    @Override
    public boolean isCancelled() {
        Outcome<T> o = outcome;
        return o instanceof Outcome.Cancelled<T> || o instanceof Outcome.TimedOut<T>;
    }

    /** @return the outcome, or {@code null} while undecided */
    public Outcome<T> outcome() {
        return outcome;
    }

    /** @return {@link System#nanoTime()} when queued */
    public long queuedNanos() {
        return queuedNanos;
    }

    /** @return {@link System#nanoTime()} when started, or 0 */
    public long startedNanos() {
        return startedNanos;
    }

    /** @return {@link System#nanoTime()} when ended, or 0 */
    public long endedNanos() {
        return endedNanos;
    }

    @Override
    public String toString() {
        return info.toString();
    }
}
