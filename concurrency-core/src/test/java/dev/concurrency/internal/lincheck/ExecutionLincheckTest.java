package dev.concurrency.internal.lincheck;

import dev.concurrency.Outcome;
import dev.concurrency.TaskInfo;
import dev.concurrency.internal.engine.Execution;
import dev.concurrency.internal.engine.ExecutionObserver;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model checking of a task's outcome: the task's own completion, a
 * cancellation and a timeout race on a begun execution, and every
 * interleaving must match some order of the same calls one after another: one
 * of them decides the outcome, the others are told they lost, and the run
 * hears the end exactly once.
 */
@Timeout(300)
public class ExecutionLincheckTest {

    private final AtomicInteger ends = new AtomicInteger();
    private final Execution<String> execution = new Execution<>(ctx -> "unused", new TaskInfo(0, "raced"),
            new ExecutionObserver() {
                @Override
                public void started(Execution<?> e) {
                }

                @Override
                public void ended(Execution<?> e) {
                    ends.incrementAndGet();
                }
            });

    public ExecutionLincheckTest() {
        execution.begin(() -> { }); // its code runs elsewhere, as a loop's or a worker's task does
    }

    /** Whether {@link #complete()} has returned once; read after the parallel part. */
    private final java.util.concurrent.atomic.AtomicBoolean completed = new java.util.concurrent.atomic.AtomicBoolean();

    @Operation
    public String complete() {
        execution.finish(new Outcome.Success<>("done"));
        completed.set(true);
        return state(); // decided by now: by this call or a cancellation before it
    }

    @Operation
    public boolean cancel() {
        return execution.cancel(new Outcome.Cancelled<>(), new Outcome.Cancelled<>());
    }

    @Operation
    public boolean timeOut() {
        return execution.cancel(new Outcome.TimedOut<>(Duration.ofSeconds(1)), new Outcome.Cancelled<>());
    }

    @Operation
    public String state() {
        Outcome<String> o = execution.outcome();
        String what = o == null ? "undecided" : o.getClass().getSimpleName();
        return what + ", cancelled " + execution.isCancelled();
    }

    /** After the racing calls: the run heard the end once if the task's code returned, else not yet. */
    @org.jetbrains.lincheck.datastructures.Validate
    public void theEndIsHeardExactlyOnce() {
        int expected = completed.get() ? 1 : 0;
        if (ends.get() != expected) {
            throw new IllegalStateException("the run heard the end " + ends.get() + " times, expected " + expected);
        }
    }

    /** What the calls must look like, one after another: the first to decide the outcome wins. */
    public static final class OneDecision {
        private String outcome;

        public String complete() {
            decide("Success");
            return state();
        }

        public boolean cancel() {
            return decide("Cancelled");
        }

        public boolean timeOut() {
            return decide("TimedOut");
        }

        public String state() {
            return (outcome == null ? "undecided" : outcome) + ", cancelled "
                    + ("Cancelled".equals(outcome) || "TimedOut".equals(outcome));
        }

        private boolean decide(String how) {
            if (outcome != null) {
                return false;
            }
            outcome = how;
            return true;
        }
    }

    @Test
    void theOutcomeIsDecidedOnceAndTheEndHeardOnce() {
        new ModelCheckingOptions()
                .sequentialSpecification(OneDecision.class)
                .iterations(20)
                .invocationsPerIteration(300)
                .threads(3)
                .actorsPerThread(2)
                .check(ExecutionLincheckTest.class);
    }
}
