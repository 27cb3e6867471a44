package dev.concurrency.internal;

import dev.concurrency.Outcome;
import dev.concurrency.TaskInfo;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The future {@code Runner.submit} returns: only the task's end completes it,
 * so a caller cannot forge the task's outcome ({@code complete},
 * {@code completeExceptionally}, {@code obtrude*}, {@code completeAsync},
 * {@code completeOnTimeout} and {@code orTimeout} throw
 * {@link UnsupportedOperationException}); {@code cancel} cancels the task.
 * Futures made from it ({@code thenApply}, {@code copy()} and so on) are
 * ordinary ones. Thread-safe.
 *
 * @param <T> the task's result type
 */
final class TaskFuture<T> extends CompletableFuture<T> {

    private final TaskInfo info;
    /** Cancels the task; set once, before the future is handed out. */
    private Runnable canceller = () -> { };

    TaskFuture(TaskInfo info) {
        this.info = info;
    }

    void onCancel(Runnable canceller) {
        this.canceller = canceller;
    }

    /** Completes the future as the task ended. Called once, by the runner. */
    void settle(Outcome<T> outcome) {
        switch (outcome) {
            case Outcome.Success<T> s -> super.complete(s.value());
            case Outcome.Failure<T> f -> super.completeExceptionally(f.error());
            case Outcome.Cancelled<T> c -> super.cancel(false);
            case Outcome.TimedOut<T> t -> super.completeExceptionally(
                    new TimeoutException(info + " timed out after " + t.limit()));
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            canceller.run();
        }
        return cancelled;
    }

    private UnsupportedOperationException forged(String method) {
        return new UnsupportedOperationException(method + ": the future of " + info
                + " completes only when the task ends; cancel(true) stops the task, and copy() gives a "
                + "future you may complete");
    }

    @Override
    public boolean complete(T value) {
        throw forged("complete");
    }

    @Override
    public boolean completeExceptionally(Throwable ex) {
        throw forged("completeExceptionally");
    }

    @Override
    public void obtrudeValue(T value) {
        throw forged("obtrudeValue");
    }

    @Override
    public void obtrudeException(Throwable ex) {
        throw forged("obtrudeException");
    }

    @Override
    public CompletableFuture<T> completeAsync(Supplier<? extends T> supplier, Executor executor) {
        throw forged("completeAsync");
    }

    @Override
    public CompletableFuture<T> completeAsync(Supplier<? extends T> supplier) {
        throw forged("completeAsync");
    }

    @Override
    public CompletableFuture<T> completeOnTimeout(T value, long timeout, TimeUnit unit) {
        throw forged("completeOnTimeout");
    }

    @Override
    public CompletableFuture<T> orTimeout(long timeout, TimeUnit unit) {
        throw forged("orTimeout");
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }

    @Override
    public String toString() {
        return "TaskFuture[" + info + ", " + super.toString() + "]";
    }
}
