package dev.concurrency.testkit;

import dev.concurrency.Outcome;
import dev.concurrency.TaskContext;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A kind of task a property test can mix: it knows how to behave and what
 * its outcome must be under any strategy. Make tasks from specs with
 * {@link TaskSpecs}.
 */
public sealed interface TaskSpec extends Serializable {

    /**
     * Does what the spec says.
     *
     * @param ctx the task's context
     * @return the value of a successful spec
     * @throws Exception as the spec says
     */
    Long perform(TaskContext ctx) throws Exception;

    /**
     * The outcome this spec must end with.
     *
     * @param taskTimeout the run's per-task timeout
     * @return the outcome
     */
    Outcome<Long> expected(Duration taskTimeout);

    /** Computes fib(n) recursively, calling {@code checkpoint()} as it goes. */
    record Compute(int n) implements TaskSpec {
        @Override
        public Long perform(TaskContext ctx) throws InterruptedException {
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

        /**
         * @param n which Fibonacci number
         * @return fib(n)
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

    /** Sleeps through the context, then returns the milliseconds slept. */
    record Sleep(long millis) implements TaskSpec {
        @Override
        public Long perform(TaskContext ctx) throws InterruptedException {
            ctx.sleep(Duration.ofMillis(millis));
            return millis;
        }

        @Override
        public Outcome<Long> expected(Duration taskTimeout) {
            return new Outcome.Success<>(millis);
        }
    }

    /** Throws a {@link SpecFailure} with the given message. */
    record Fail(String message) implements TaskSpec {
        @Override
        public Long perform(TaskContext ctx) {
            throw new SpecFailure(message);
        }

        @Override
        public Outcome<Long> expected(Duration taskTimeout) {
            return new Outcome.Failure<>(new SpecFailure(message));
        }
    }

    /** Waits for something that never happens, until its timeout cancels it. */
    record Hang() implements TaskSpec {
        @Override
        public Long perform(TaskContext ctx) throws Exception {
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
         * @param message the spec's message
         */
        public SpecFailure(String message) {
            super(message);
        }
    }
}
