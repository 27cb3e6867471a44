package dev.concurrency.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.Connection;
import dev.concurrency.Outcome;
import dev.concurrency.TaskInfo;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ExecutionTest {

    private final List<String> events = new ArrayList<>();
    private final ExecutionObserver observer = new ExecutionObserver() {
        @Override
        public synchronized void started(Execution<?> execution) {
            events.add("started " + execution);
        }

        @Override
        public synchronized void ended(Execution<?> execution) {
            events.add("ended " + execution + " " + execution.outcome());
        }
    };

    @Test
    void runDecidesTheTasksOwnOutcomeAndEndsOnce() {
        Execution<Integer> e = new Execution<>(ctx -> 7, new TaskInfo(0, "seven"), observer);
        e.run(new NoContext(e));
        e.run(new NoContext(e));
        assertThat(e.outcome()).isEqualTo(new Outcome.Success<>(7));
        assertThat(events).containsExactly("started tasks[0] 'seven'", "ended tasks[0] 'seven' Success[value=7]");
        assertThat(e.startedNanos()).isPositive().isLessThanOrEqualTo(e.endedNanos());
    }

    @Test
    void anErrorBecomesAFailure() {
        StackOverflowError error = new StackOverflowError("deep");
        Execution<Integer> e = new Execution<>(ctx -> { throw error; }, new TaskInfo(1, ""), observer);
        e.run(new NoContext(e));
        assertThat(e.outcome()).isEqualTo(new Outcome.Failure<>(error));
    }

    @Test
    void cancelledBeforeStartItNeverRuns() {
        AtomicBoolean ran = new AtomicBoolean();
        Execution<Integer> e = new Execution<>(ctx -> { ran.set(true); return 1; }, new TaskInfo(2, ""), observer);
        assertThat(e.cancel(new Outcome.TimedOut<>(Duration.ofSeconds(1)), new Outcome.Cancelled<>())).isTrue();
        assertThat(e.cancel(new Outcome.Cancelled<>(), new Outcome.Cancelled<>())).isFalse();
        assertThat(e.markDispatched()).isFalse();
        e.run(new NoContext(e));
        assertThat(ran).isFalse();
        assertThat(e.outcome()).isEqualTo(new Outcome.Cancelled<>());
        assertThat(e.hasStarted()).isFalse();
        assertThat(events).containsExactly("ended tasks[2] Cancelled[]");
    }

    /**
     * A run's deadline forbids its tasks to start before it ends them one by
     * one: a permit freed meanwhile must not start a later task past the
     * deadline and out of input order.
     */
    @Test
    void anExecutionForbiddenToStartIsNeverDispatchedButStillEnds() {
        Execution<Integer> e = new Execution<>(ctx -> 1, new TaskInfo(3, ""), observer);
        e.forbidStart();
        assertThat(e.markDispatched()).isFalse();
        assertThat(e.wasDispatched()).isFalse();
        assertThat(e.endIfNotStarted(new Outcome.Cancelled<>())).isTrue();
        assertThat(e.outcome()).isEqualTo(new Outcome.Cancelled<>());
    }

    @Test
    void anAbandonedExecutionEndsOnceAndIgnoresItsCodesLateReturn() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Execution<String> e = new Execution<>(ctx -> {
            running.countDown();
            release.await();
            return "late";
        }, new TaskInfo(4, ""), observer);
        Thread runner = Thread.ofPlatform().start(() -> e.run(new NoContext(e)));
        assertThat(running.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        IllegalStateException gone = new IllegalStateException("its loop died");
        assertThat(e.abandon(gone)).isTrue();
        assertThat(e.abandon(gone)).isFalse();
        release.countDown();
        runner.join(Duration.ofSeconds(30));
        assertThat(runner.isAlive()).isFalse();
        assertThat(e.outcome()).isEqualTo(new Outcome.Failure<>(gone));
        assertThat(events).containsExactly("started tasks[4]", "ended tasks[4] Failure[error=" + gone + "]");
    }

    @Test
    void cancelWhileRunningInterruptsAndWinsOverTheTasksResult() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        Execution<String> e = new Execution<>(ctx -> {
            running.countDown();
            try {
                Thread.sleep(Duration.ofMinutes(5));
                return "slept";
            } catch (InterruptedException interrupted) {
                return "interrupted";
            }
        }, new TaskInfo(3, ""), observer);
        Thread runner = Thread.ofPlatform().start(() -> e.run(new NoContext(e)));
        running.await();
        Duration limit = Duration.ofMillis(5);
        assertThat(e.cancel(new Outcome.TimedOut<>(limit), new Outcome.Cancelled<>())).isTrue();
        runner.join();
        assertThat(e.outcome()).isEqualTo(new Outcome.TimedOut<>(limit));
        assertThat(e.isCancelled()).isTrue();
        assertThat(events).hasSize(2);
    }

    @Test
    void theInterruptOfALateCancelDoesNotOutliveTheTask() {
        Execution<Boolean> e = new Execution<>(ctx -> true, new TaskInfo(4, ""), observer);
        e.run(new NoContext(e));
        assertThat(e.cancel(new Outcome.Cancelled<>(), new Outcome.Cancelled<>())).isFalse();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void failToStartEndsOnlyAnExecutionThatHasNotStarted() {
        Execution<Integer> e = new Execution<>(ctx -> 1, new TaskInfo(5, ""), observer);
        OutOfMemoryError noThread = new OutOfMemoryError("unable to create native thread");
        assertThat(e.markDispatched()).isTrue();
        assertThat(e.failToStart(noThread)).isTrue();
        assertThat(e.wasDispatched()).isTrue();
        assertThat(e.outcome()).isEqualTo(new Outcome.Failure<>(noThread));
    }

    @Test
    void resourcesTheTaskLeftOpenAreReleasedBeforeItEnds() {
        AtomicBoolean closed = new AtomicBoolean();
        List<Boolean> closedWhenEnded = new ArrayList<>();
        Execution<Integer>[] holder = new Execution[1];
        NoContext[] context = new NoContext[1];
        holder[0] = new Execution<>(ctx -> {
            context[0].keep(() -> closed.set(true));
            return 1;
        }, new TaskInfo(6, ""), new ExecutionObserver() {
            @Override
            public void started(Execution<?> execution) {
            }

            @Override
            public void ended(Execution<?> execution) {
                closedWhenEnded.add(closed.get());
            }
        });
        context[0] = new NoContext(holder[0]);
        holder[0].run(context[0]);
        assertThat(closedWhenEnded).containsExactly(true);
    }

    /** A context whose operations the tests above do not use. */
    private static final class NoContext extends ExecutionContext {

        NoContext(Execution<?> execution) {
            super(execution, child -> {
                throw new AssertionError("not used");
            });
        }

        void keep(AutoCloseable resource) {
            track(resource);
        }

        @Override
        public void sleep(Duration duration) {
            throw new AssertionError("not used");
        }

        @Override
        public void checkpoint() {
            throw new AssertionError("not used");
        }

        @Override
        public <V> V await(CompletionStage<V> stage) {
            throw new AssertionError("not used");
        }

        @Override
        public <V> V blocking(Callable<V> work) {
            throw new AssertionError("not used");
        }

        @Override
        public Connection connect(InetSocketAddress address) {
            throw new AssertionError("not used");
        }

        @Override
        public <V> V call(dev.concurrency.AsyncTask<V> task) {
            throw new AssertionError("not used");
        }

        @Override
        public dev.concurrency.Listener listen(InetSocketAddress address, boolean reusePort) {
            throw new AssertionError("not used");
        }

        @Override
        public void join(java.util.concurrent.CompletableFuture<?> future) {
            throw new AssertionError("not used");
        }

        @Override
        public boolean joinQuietly(java.util.concurrent.CompletableFuture<?> future, long deadlineNanos) {
            throw new AssertionError("not used");
        }
    }
}
