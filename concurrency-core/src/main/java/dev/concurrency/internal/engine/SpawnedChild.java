package dev.concurrency.internal.engine;

import dev.concurrency.Outcome;
import dev.concurrency.TaskInfo;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One child of a task group, direct or callback style: the observer of its
 * execution (passing its start and end on to the run) and the future its
 * handle waits on. Thread-safe: it ends on whichever thread ends it.
 *
 * @param <V> the child's result type
 */
public abstract class SpawnedChild<V> implements ExecutionObserver {

    private static final Logger log = LoggerFactory.getLogger(SpawnedChild.class);

    /** The child's index and name. */
    protected final TaskInfo info;
    /** Completes with the child's outcome as it ends. */
    protected final CompletableFuture<Outcome<V>> future = new CompletableFuture<>();
    private final ExecutionObserver run;
    /** Set once, before the child is started. */
    protected volatile Execution<V> execution;
    /** Whether its outcome was taken by a join (a failure nobody took fails the group's close). */
    protected volatile boolean taken;

    /**
     * @param info its index and name
     * @param run  how the run observes children (its listener, its figures)
     */
    protected SpawnedChild(TaskInfo info, ExecutionObserver run) {
        this.info = info;
        this.run = run;
    }

    /**
     * Names a child: its parent's index, and {@code parent/child-k} (or {@code parent/<its own name>}).
     *
     * @param parent the parent task
     * @param k      how many children the group spawned before it
     * @param name   the child task's own name, possibly empty
     * @return the child's index and name
     */
    public static TaskInfo childInfo(TaskInfo parent, int k, String name) {
        String own = name.isEmpty() ? "child-" + k : name;
        return new TaskInfo(parent.index(), parent.name().isEmpty() ? own : parent.name() + "/" + own);
    }

    /** {@return the child's index and name} */
    public TaskInfo task() {
        return info;
    }

    /** Cancels the child: it is interrupted at its next wait, or never starts. */
    public void cancel() {
        Execution<V> e = execution;
        if (e != null) {
            e.cancel(new Outcome.Cancelled<>(), new Outcome.Cancelled<>());
        }
    }

    /** {@return whether the child has ended} */
    public boolean isDone() {
        return future.isDone();
    }

    /** @return its execution, once bound */
    public Execution<V> execution() {
        return execution;
    }

    /**
     * Binds the child's execution, before it starts.
     *
     * @param e the execution
     */
    public void bind(Execution<V> e) {
        this.execution = e;
    }

    /** Its outcome was taken by a join: a failure of it is not thrown again by the group's close. */
    public void markTaken() {
        taken = true;
    }

    /** @return whether its outcome was taken by a join */
    public boolean taken() {
        return taken;
    }

    /** @return its outcome, once ended */
    public CompletableFuture<Outcome<V>> outcome() {
        return future;
    }

    /**
     * The child has ended: its group reacts (fail-fast, counting).
     *
     * @param outcome how it ended
     */
    protected abstract void ended(Outcome<V> outcome);

    @Override
    public final void started(Execution<?> e) {
        run.started(e);
    }

    @Override
    public final long nanoTime() {
        return run.nanoTime();
    }

    @Override
    public final ExecutionObserver children(Execution<?> self) {
        return run.children(self);
    }

    @Override
    @SuppressWarnings("unchecked")
    public final void ended(Execution<?> e) {
        Outcome<V> outcome = (Outcome<V>) e.outcome();
        try {
            run.ended(e);
        } catch (RuntimeException ex) {
            log.warn("{}: observing its end failed", info, ex);
        } finally {
            future.complete(outcome);
            ended(outcome);
        }
    }

    @Override
    public String toString() {
        return info.toString();
    }
}
