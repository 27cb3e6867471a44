package dev.concurrency.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Runs an asynchronous step a number of times, one after the other: the
 * callback-style {@code for} loop of the {@link dev.concurrency.AsyncTask}s
 * here. Steps whose stage is already complete are run in a loop rather than
 * from the callback, so the stack stays flat whichever way stages complete.
 * Used by one task at a time, from that task's callbacks.
 */
final class Repeat {

    private final Supplier<? extends CompletionStage<?>> step;
    private final CompletableFuture<Integer> done = new CompletableFuture<>();
    private final int times;
    private int left;

    private Repeat(int times, Supplier<? extends CompletionStage<?>> step) {
        this.times = times;
        this.left = times;
        this.step = step;
    }

    /**
     * @param times how often to run {@code step}, {@code >= 0}
     * @param step  starts one step
     * @return completes with {@code times} once the last step has, or with the first step's failure
     */
    static CompletionStage<Integer> times(int times, Supplier<? extends CompletionStage<?>> step) {
        Repeat repeat = new Repeat(times, step);
        repeat.next();
        return repeat.done;
    }

    private void next() {
        while (left > 0) {
            left--;
            CompletableFuture<?> stage = step.get().toCompletableFuture();
            if (!stage.isDone() || stage.isCompletedExceptionally()) {
                stage.whenComplete((value, error) -> {
                    if (error != null) {
                        done.completeExceptionally(error);
                    } else {
                        next();
                    }
                });
                return;
            }
        }
        done.complete(times);
    }
}
