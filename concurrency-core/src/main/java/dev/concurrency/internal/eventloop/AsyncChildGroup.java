package dev.concurrency.internal.eventloop;

import dev.concurrency.AsyncHandle;
import dev.concurrency.AsyncTask;
import dev.concurrency.AsyncTaskGroup;
import dev.concurrency.Outcome;
import dev.concurrency.TaskInfo;
import dev.concurrency.internal.engine.Decoration;
import dev.concurrency.internal.engine.Execution;
import dev.concurrency.internal.engine.ExecutionObserver;
import dev.concurrency.internal.engine.SpawnedChild;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link AsyncTaskGroup} of callback-style tasks: each child is an
 * {@link Execution} begun on the parent's loop, as {@link AsyncRun} begins a
 * task, under the run's GIL and observed by the run. The parent's
 * cancellation, or its end, cancels the children still running (a begun async
 * task ends at once when cancelled, so nothing outlives the parent).
 * Accessed on the loop; {@link AsyncHandle#cancel()} from anywhere.
 *
 * @param <V> the children's result type
 */
final class AsyncChildGroup<V> implements AsyncTaskGroup<V> {

    private static final Logger log = LoggerFactory.getLogger(AsyncChildGroup.class);

    private final CallbackContext parent;
    /** The parent's execution, for its run's observer and GIL; {@code null} for a called async task. */
    private final Execution<?> owner;
    /** Whether ended children stay listed, their failures failing close; a server's group only counts them. */
    private final boolean retainEnded;
    /** Told each child's outcome; {@code null} for nobody. */
    private final java.util.function.Consumer<Outcome<V>> endings;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private final List<Child> children = new ArrayList<>();
    /** Guarded by {@link #lock}. */
    private int spawned;
    /** Guarded by {@link #lock}. */
    private boolean failFast = true;
    /** Guarded by {@link #lock}. */
    private boolean closed;

    AsyncChildGroup(CallbackContext parent, Execution<?> owner, boolean retainEnded,
                    java.util.function.Consumer<Outcome<V>> endings) {
        this.parent = parent;
        this.owner = owner;
        this.retainEnded = retainEnded;
        this.endings = endings;
        this.failFast = retainEnded; // a server's handlers are independent: one failing cancels no other
    }

    @Override
    public AsyncTaskGroup<V> failFast(boolean failFast) {
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
    public AsyncHandle<V> spawn(AsyncTask<V> task) {
        Objects.requireNonNull(task, "task is null");
        Child child;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException(parent.task() + ": this group is closed and takes no more "
                        + "children; open another with ctx.group()");
            }
            child = new Child(SpawnedChild.childInfo(parent.task(), spawned++, task.name()));
            Decoration decoration = owner == null ? Decoration.NONE : owner.childDecoration();
            child.bind(new Execution<>(task, child.task(), child, decoration));
            children.add(child);
        }
        if (parent.isCancelled()) {
            child.cancel();
            return child;
        }
        EventLoop loop = parent.loop();
        // begun on a later turn: never inside the parent's callback (which may hold the GIL)
        loop.execute(Simulation.inOwnLane(loop, child,
                () -> child.stopNow = AsyncRun.begin(child.execution(), loop, parent.blockingPool())));
        if (loop.failure() != null) {
            child.execution().failToStart(loop.died());
        }
        return child;
    }

    @Override
    public CompletionStage<List<Outcome<V>>> join() {
        List<Child> now = snapshot();
        return parent.await(allOf(now)).handle((ignored, error) -> {
            if (error != null) {
                cancelChildren();
                throw new java.util.concurrent.CompletionException(LoopOps.unwrap(error));
            }
            List<Outcome<V>> outcomes = new ArrayList<>(now.size());
            for (Child child : now) {
                child.markTaken();
                outcomes.add(child.outcome().join());
            }
            return outcomes;
        });
    }

    @Override
    public CompletionStage<Void> close() {
        List<Child> now;
        synchronized (lock) {
            closed = true;
            now = List.copyOf(children);
        }
        if (parent.isCancelled()) {
            cancelChildren();
        }
        return parent.await(allOf(now)).handle((ignored, error) -> {
            if (error != null) {
                cancelChildren();
                throw new java.util.concurrent.CompletionException(LoopOps.unwrap(error));
            }
            if (!retainEnded) {
                return null; // a server's group: its children's outcomes were counted
            }
            Throwable first = null;
            for (Child child : now) {
                if (!child.taken() && child.outcome().join() instanceof Outcome.Failure<V> f) {
                    if (first == null) {
                        first = f.error();
                    } else if (first != f.error()) {
                        first.addSuppressed(f.error());
                    }
                }
            }
            if (first != null) {
                throw new java.util.concurrent.CompletionException(first);
            }
            return null;
        });
    }

    /** Cancels every child not yet ended. */
    void cancelChildren() {
        for (Child child : snapshot()) {
            child.cancel();
        }
    }

    /** On the loop: the parent is cancelled, or ends; its children end now, before it does. */
    void endChildren() {
        for (Child child : snapshot()) {
            child.cancel();
            Runnable stop = child.stopNow;
            if (stop != null) {
                stop.run();
            }
        }
    }

    private List<Child> snapshot() {
        synchronized (lock) {
            return List.copyOf(children);
        }
    }

    private CompletableFuture<Void> allOf(List<Child> now) {
        return CompletableFuture.allOf(now.stream().map(c -> c.outcome()).toArray(CompletableFuture[]::new));
    }

    private void ended(Child child, Outcome<V> outcome) {
        boolean cancelSiblings;
        synchronized (lock) {
            if (!retainEnded) {
                children.remove(child);
            }
            cancelSiblings = failFast && outcome instanceof Outcome.Failure<V>;
        }
        if (endings != null) {
            try {
                endings.accept(outcome);
            } catch (RuntimeException e) {
                log.warn("{}: counting its end failed", child.task(), e);
            }
        }
        if (cancelSiblings) {
            for (Child sibling : snapshot()) {
                if (sibling != child) {
                    sibling.cancel();
                }
            }
        }
    }

    /** One child: its handle, and the observer of its execution. */
    private final class Child extends SpawnedChild<V> implements AsyncHandle<V> {
        /** Loop-only: ends it at once once begun; {@code null} before. */
        private Runnable stopNow;

        Child(TaskInfo info) {
            super(info, owner == null ? ExecutionObserver.NONE : owner.childObserver());
        }

        @Override
        public CompletionStage<V> join() {
            taken = true;
            return parent.await(future).thenApply(outcome -> {
                if (outcome instanceof Outcome.Success<V> s) {
                    return s.value();
                }
                if (outcome instanceof Outcome.Failure<V> f) {
                    throw new java.util.concurrent.CompletionException(f.error());
                }
                throw new CancellationException(info + " was cancelled");
            });
        }

        @Override
        protected void ended(Outcome<V> outcome) {
            AsyncChildGroup.this.ended(this, outcome);
        }
    }
}
