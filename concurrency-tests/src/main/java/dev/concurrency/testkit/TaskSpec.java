package dev.concurrency.testkit;

import dev.concurrency.AsyncContext;
import dev.concurrency.Outcome;
import dev.concurrency.TaskContext;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A kind of task a property test can mix: it knows how to behave, in direct
 * style and in callback style, and what its outcome must be under any
 * strategy. Both forms end the same way. Make tasks from specs with
 * {@link TaskSpecs}.
 *
 * <p>Specs are immutable records, safe to share between threads.
 */
public sealed interface TaskSpec extends Serializable {

    /**
     * Does what the spec says, in direct style.
     *
     * @param ctx the task's context
     * @return the value of a successful spec
     * @throws Exception as the spec says
     */
    Long perform(TaskContext ctx) throws Exception;

    /**
     * Does what the spec says, in callback style: nothing here blocks, every
     * wait is a stage of {@code ctx}.
     *
     * @param ctx the task's context
     * @return completes as {@link #perform} returns or throws
     */
    CompletionStage<Long> performAsync(AsyncContext ctx);

    /**
     * The outcome this spec must end with.
     *
     * @param taskTimeout the run's per-task timeout
     * @return the outcome
     */
    Outcome<Long> expected(Duration taskTimeout);

    /**
     * Computes fib(n) recursively, calling {@code checkpoint()} as it goes: in
     * callback style each call above fib(12) waits for a checkpoint stage, and
     * the smaller ones compute at once.
     *
     * @param n which Fibonacci number to compute
     */
    record Compute(int n) implements TaskSpec {
        @Override
        public Long perform(TaskContext ctx) throws InterruptedException {
            return fib(ctx, n);
        }

        @Override
        public CompletionStage<Long> performAsync(AsyncContext ctx) {
            return fib(ctx, n);
        }

        @Override
        public Outcome<Long> expected(Duration taskTimeout) {
            return new Outcome.Success<>(fib(n));
        }

        private static long fib(TaskContext ctx, int n) throws InterruptedException {
            if (n < 2) return n;
            if (n > 12) ctx.checkpoint();
            return fib(ctx, n - 1) + fib(ctx, n - 2);
        }

        private static CompletionStage<Long> fib(AsyncContext ctx, int n) {
            if (n <= 12) return CompletableFuture.completedFuture(fib(n));
            return ctx.checkpoint().thenCompose(v -> fib(ctx, n - 1).thenCombine(fib(ctx, n - 2), Long::sum));
        }

        /**
         * {@return fib(n)}
         *
         * @param n which Fibonacci number
         */
        public static long fib(int n) {
            long a = 0, b = 1;
            for (int i = 0; i < n; i++) {
                long next = a + b;
                a = b;
                b = next;
            }
            return a;
        }
    }

    /**
     * Sleeps through the context, then returns the milliseconds slept.
     *
     * @param millis how long it sleeps
     */
    record Sleep(long millis) implements TaskSpec {
        @Override
        public Long perform(TaskContext ctx) throws InterruptedException {
            ctx.sleep(Duration.ofMillis(millis));
            return millis;
        }

        @Override
        public CompletionStage<Long> performAsync(AsyncContext ctx) {
            return ctx.sleep(Duration.ofMillis(millis)).thenApply(v -> millis);
        }

        @Override
        public Outcome<Long> expected(Duration taskTimeout) {
            return new Outcome.Success<>(millis);
        }
    }

    /**
     * Throws a {@link SpecFailure} with the given message; in callback style, returns a stage failed with it.
     *
     * @param message the failure's message
     */
    record Fail(String message) implements TaskSpec {
        @Override
        public Long perform(TaskContext ctx) {
            throw new SpecFailure(message);
        }

        @Override
        public CompletionStage<Long> performAsync(AsyncContext ctx) {
            return CompletableFuture.failedFuture(new SpecFailure(message));
        }

        @Override
        public Outcome<Long> expected(Duration taskTimeout) {
            return new Outcome.Failure<>(new SpecFailure(message));
        }
    }

    /** Waits for something that never happens (a stage that never completes), until its timeout cancels it. */
    record Hang() implements TaskSpec {
        @Override
        public Long perform(TaskContext ctx) throws Exception {
            return ctx.await(new CompletableFuture<Long>());
        }

        @Override
        public CompletionStage<Long> performAsync(AsyncContext ctx) {
            return ctx.await(new CompletableFuture<Long>());
        }

        @Override
        public Outcome<Long> expected(Duration taskTimeout) {
            return new Outcome.TimedOut<>(taskTimeout);
        }
    }

    /** What {@link Fail} throws. */
    final class SpecFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /**
         * Makes the failure a {@link Fail} spec throws.
         *
         * @param message the spec's message
         */
        public SpecFailure(String message) {
            super(message);
        }
    }
}
