package dev.concurrency.internal.engine;

import dev.concurrency.Handle;
import dev.concurrency.Outcome;
import dev.concurrency.Task;
import dev.concurrency.TaskGroup;
import dev.concurrency.TaskInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@link TaskGroup} of every direct-style strategy: children are
 * {@link Execution}s started by the engine's {@link ChildLauncher}, under the
 * run's GIL (a sibling {@link Decoration}) and reported to the run's observer;
 * the parent waits for them through its {@link Waits}. Leaving the group
 * always ends: children that ignore their cancellation are abandoned after
 * {@link Durations#STOP_GRACE}.
 *
 * <pre>
 *  group     | entered by          | spawn | children
 *  ----------+---------------------+-------+-----------------------------------
 *  open      | TaskContext.group() | yes   | run; the first failure cancels the
 *            |                     |       | rest when fail-fast
 *  closed    | close(), the        | no    | all ended (or abandoned)
 *            | parent's end        |       |
 * </pre>
 *
 * Thread-safe: children end on their own threads.
 *
 * @param <V> the children's result type
 */
public final class ChildGroup<V> implements TaskGroup<V> {

    private static final Logger log = LoggerFactory.getLogger(ChildGroup.class);

    private final ExecutionContext parent;
    private final Execution<?> parentExecution;
    private final Waits waits;
    private final ChildLauncher launcher;
    /**
     * Whether ended children stay listed (their outcomes joined later, their
     * failures thrown by close); a server's group forgets them and only counts them.
     */
    private final boolean retainEnded;
    /** Told each child's outcome as it ends; for a server's figures. */
    private final Consumer<Outcome<V>> endings;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private final List<Child> children = new ArrayList<>();
    /** Guarded by {@link #lock}. */
    private boolean failFast = true;
    /** Guarded by {@link #lock}. */
    private boolean closed;
    /** Guarded by {@link #lock}. */
    private int spawned;

    ChildGroup(ExecutionContext parent, Execution<?> parentExecution, Waits waits, ChildLauncher launcher,
               boolean retainEnded, Consumer<Outcome<V>> endings) {
        this.parent = parent;
        this.parentExecution = parentExecution;
        this.waits = waits;
        this.launcher = launcher;
        this.retainEnded = retainEnded;
        this.endings = endings;
        this.failFast = retainEnded; // a server's handlers are independent: one failing cancels no other
    }

    @Override
    public TaskGroup<V> failFast(boolean failFast) {
        synchronized (lock) {
            if (spawned > 0) {
                throw new IllegalStateException(parent.task() + ": failFast(" + failFast
                        + ") must be set before the group's first spawn");
            }
            this.failFast = failFast;
        }
        return this;
    }

    @Override
    public Handle<V> spawn(Task<V> task) {
        Objects.requireNonNull(task, "task is null");
        Child child;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException(parent.task() + ": this group is closed and takes no more "
                        + "children; open another with ctx.group()");
            }
            parent.checkOpen();
            child = new Child(SpawnedChild.childInfo(parent.task(), spawned++, task.name()));
            child.execution = new Execution<>(task, child.info, child, parentExecution.childDecoration());
            children.add(child);
        }
        Execution<V> execution = child.execution;
        if (parent.isCancelled()) {
            execution.endIfNotStarted(new Outcome.Cancelled<>());
            return child;
        }
        try {
            launcher.start(execution);
        } catch (Throwable t) {
            log.warn("{}: no thread could be had for it", child.info, t);
            execution.failToStart(new IllegalStateException(child.info + " could not start: " + t, t));
        }
        return child;
    }

    @Override
    public List<Outcome<V>> join() throws InterruptedException {
        parent.checkOpen();
        List<Child> now = snapshot();
        awaitAll(now);
        List<Outcome<V>> outcomes = new ArrayList<>(now.size());
        for (Child child : now) {
            child.taken = true;
            outcomes.add(child.future.join());
        }
        return outcomes;
    }

    @Override
    public void close() throws Exception {
        List<Child> now;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            now = List.copyOf(children);
        }
        if (parent.isCancelled()) {
            cancelAll(now);
        }
        awaitAll(now);
        if (!retainEnded) {
            return; // a server's group: its children's outcomes were counted, not kept
        }
        Throwable first = null;
        for (Child child : now) {
            if (!child.taken && child.future.join() instanceof Outcome.Failure<V> f) {
                if (first == null) {
                    first = f.error();
                } else if (first != f.error()) {
                    first.addSuppressed(f.error());
                }
            }
        }
        if (first != null) {
            throw rethrowable(first);
        }
    }

    /** @return a child's failure as it is, if an {@link Exception}; thrown at once if an {@link Error} */
    private static Exception rethrowable(Throwable error) {
        if (error instanceof Error e) {
            throw e;
        }
        return error instanceof Exception e ? e : new ExecutionException(error);
    }

    /**
     * Waits for something the way the parent waits for its children (the GIL
     * released meanwhile): a server waiting for a free handler slot.
     *
     * @param future what to wait for
     * @throws InterruptedException if the parent is cancelled meanwhile
     */
    public void waitFor(CompletableFuture<?> future) throws InterruptedException {
        waits.join(future);
    }

    /** The parent gives its thread to its children for as long as it lives (a server's accepting task). */
    public void lendParentThread() {
        launcher.parentWaits();
    }

    /** Ends {@link #lendParentThread()}. */
    public void returnParentThread() {
        launcher.parentResumes();
    }

    /**
     * The parent has ended without closing the group: its children must not
     * outlive it, so they are cancelled and waited for (a bounded wait).
     */
    void closeAtParentEnd() {
        List<Child> now;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            now = List.copyOf(children);
        }
        if (now.stream().anyMatch(c -> !c.future.isDone())) {
            log.debug("{} ended with children still running; they are cancelled", parent.task());
            stop(now);
        }
    }

    private List<Child> snapshot() {
        synchronized (lock) {
            return List.copyOf(children);
        }
    }

    /** Waits for the children; a cancelled parent stops them (bounded) and gets the interrupt. */
    private void awaitAll(List<Child> now) throws InterruptedException {
        CompletableFuture<Void> all = CompletableFuture.allOf(now.stream().map(c -> c.future)
                .toArray(CompletableFuture[]::new));
        if (all.isDone()) {
            return;
        }
        launcher.parentWaits();
        try {
            waits.join(all);
        } catch (InterruptedException e) {
            stop(now);
            Thread.interrupted(); // it leaves as this exception
            throw e;
        } finally {
            launcher.parentResumes();
        }
    }

    /** Cancels the children, waits a grace for them to end, and abandons those that do not. */
    private void stop(List<Child> now) {
        cancelAll(now);
        CompletableFuture<Void> all = CompletableFuture.allOf(now.stream().map(c -> c.future)
                .toArray(CompletableFuture[]::new));
        launcher.parentWaits();
        try {
            if (waits.joinQuietly(all, System.nanoTime() + Durations.STOP_GRACE.toNanos())) {
                return;
            }
        } finally {
            launcher.parentResumes();
        }
        for (Child child : now) {
            Thread thread = child.execution.runner();
            if (child.execution.abandon(new IllegalStateException(child.info + " was abandoned"))) {
                if (thread != null) {
                    launcher.abandoned(thread);
                }
                log.warn("{} did not stop within {} ms of its parent's cancellation; abandoned", child.info,
                        Durations.STOP_GRACE.toMillis());
            }
        }
    }

    private void cancelAll(List<Child> now) {
        for (Child child : now) {
            child.cancel();
        }
    }

    private void ended(Child child, Outcome<V> outcome) {
        List<Child> siblings = null;
        synchronized (lock) {
            if (!retainEnded) {
                children.remove(child);
            }
            if (failFast && outcome instanceof Outcome.Failure<V>) {
                siblings = List.copyOf(children);
            }
        }
        if (siblings != null) {
            for (Child sibling : siblings) {
                if (sibling != child) {
                    sibling.cancel();
                }
            }
        }
        if (endings != null) {
            try {
                endings.accept(outcome);
            } catch (RuntimeException e) {
                log.warn("{}: counting its end failed", child.info, e);
            }
        }
    }

    /** One child: its handle, and the observer of its execution. */
    private final class Child extends SpawnedChild<V> implements Handle<V> {

        Child(TaskInfo info) {
            super(info, parentExecution.childObserver());
        }

        @Override
        public V join() throws Exception {
            parent.checkOpen();
            taken = true;
            awaitAll(List.of(this));
            Outcome<V> outcome = future.join();
            if (outcome instanceof Outcome.Success<V> s) {
                return s.value();
            }
            if (outcome instanceof Outcome.Failure<V> f) {
                throw rethrowable(f.error());
            }
            throw new CancellationException(info + (outcome instanceof Outcome.TimedOut<V> t
                    ? " timed out after " + t.limit().toMillis() + " ms" : " was cancelled"));
        }

        @Override
        protected void ended(Outcome<V> outcome) {
            ChildGroup.this.ended(this, outcome);
        }
    }
}
