package dev.concurrency.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Outcome;
import dev.concurrency.Runner;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.TaskInfo;
import dev.concurrency.TaskListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The test kit checks what it promises, and fails where it should. */
@Timeout(120)
class EquivalenceTest {

    private static final Duration LIMIT = Duration.ofSeconds(1);

    @Test
    void agreeingTasksPassAndEveryStrategyIsRun() {
        List<TaskSpec> mix = List.of(new TaskSpec.Compute(10), new TaskSpec.Compute(16), new TaskSpec.Fail("no"));
        var results = Equivalence.assertSameOutcomesUnderEveryStrategy(
                TaskSpecs.toTasks(mix), TaskSpecs.toAsyncTasks(mix), RunOptions.of(Strategy.THREAD));
        assertThat(results.ran()).containsExactlyElementsOf(Strategies.all());
        assertThat(results.skipped()).isEmpty();
    }

    @Test
    void directTasksSkipCallbackAndAsyncTasksRunUnderEveryStrategy() {
        List<TaskSpec> mix = List.of(new TaskSpec.Compute(16), new TaskSpec.Sleep(1), new TaskSpec.Fail("no"));
        var direct = Equivalence.assertSameOutcomesUnderEveryStrategy(TaskSpecs.toTasks(mix), RunOptions.of(Strategy.THREAD));
        assertThat(direct.ran()).containsExactlyElementsOf(
                Strategies.all().stream().filter(s -> s != Strategy.CALLBACK).toList());
        var async = Equivalence.assertSameOutcomesUnderEveryStrategy(TaskSpecs.toAsyncTasks(mix), RunOptions.of(Strategy.THREAD));
        assertThat(async.ran()).containsExactlyElementsOf(Strategies.all());
        assertThat(Outcomes.describeAll(async.reference().outcomes()))
                .containsExactlyElementsOf(Outcomes.describeAll(direct.reference().outcomes()))
                .containsExactly("Success(987)", "Success(1)", "Failure(" + TaskSpec.SpecFailure.class.getName() + ": no)");
    }

    @Test
    void anAsyncTaskThatBehavesDifferentlyUnderCallbackFailsTheAssertion() {
        // Runs in order: sequential, then each strategy in declaration order; only CALLBACK's run differs.
        // The count is shared across processes, for a strategy that runs the task in a worker.
        int callbackRun = Strategies.all().indexOf(Strategy.CALLBACK) + 2;
        try (SharedCounters runs = new SharedCounters(1)) {
            AsyncTask<Boolean> differsUnderCallback =
                    ctx -> CompletableFuture.completedFuture(runs.incrementAndGet(0) < callbackRun);
            assertThatThrownBy(() -> Equivalence.assertSameOutcomesUnderEveryStrategy(
                    List.of(differsUnderCallback), RunOptions.of(Strategy.THREAD)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("outcomes under CALLBACK");
            assertThat(runs.get(0)).isEqualTo(callbackRun);
        }
    }

    @Test
    void asyncFormsMustBeOnePerTask() {
        assertThatThrownBy(() -> Equivalence.assertSameOutcomesUnderEveryStrategy(
                TaskSpecs.toTasks(List.of(new TaskSpec.Sleep(1))), List.of(), RunOptions.of(Strategy.THREAD)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("asyncForms: 0 tasks (expected: one per task, 1)");
    }

    @Test
    void toTasksForGivesCallbackTheAsyncForms() {
        List<TaskSpec> mix = List.of(new TaskSpec.Sleep(1));
        try (Probe probe = new Probe(1)) {
            for (Strategy strategy : Strategies.all()) {
                assertThat(TaskSpecs.toTasksFor(strategy, mix, probe))
                        .as("tasks for %s", strategy)
                        .allMatch(task -> task instanceof AsyncTask<?> == (strategy == Strategy.CALLBACK));
            }
        }
    }

    /**
     * However an instrumented async task ends, and under whichever strategy, it
     * exits the probe once. The cancelled hang is for the strategies that tell
     * a task it is cancelled: PROCESS kills its worker, and the task cannot exit
     * (a run's {@link Probe#listener()} counts such a task out; a submitted one has no index).
     */
    @Test
    void instrumentedAsyncTasksExitHoweverTheyEnd() throws Exception {
        List<TaskSpec> mix = List.of(new TaskSpec.Compute(16), new TaskSpec.Sleep(1), new TaskSpec.Fail("no"));
        for (Strategy strategy : Strategies.all()) {
            try (Probe probe = new Probe(mix.size())) {
                Concurrency.run(Serialization.copies(TaskSpecs.toAsyncTasks(mix, probe)), strategy);
                assertThat(probe.inFlight()).as("in flight after a run under %s", strategy).isZero();
                assertThat(probe.maxInFlight()).isPositive();
            }
        }
        for (Strategy strategy : Strategies.sharingMemory()) {
            // A hanging one, cancelled once it has started.
            Probe hung = new Probe(1);
            CountDownLatch started = new CountDownLatch(1);
            TaskListener listener = new TaskListener() {
                @Override
                public void started(TaskInfo task) {
                    started.countDown();
                }
            };
            try (Runner runner = Concurrency.open(RunOptions.of(strategy).listener(listener))) {
                CompletableFuture<Long> future = runner.submit(
                        TaskSpecs.toAsyncTasks(List.of(new TaskSpec.Hang()), hung).get(0));
                assertThat(started.await(LIMIT.toMillis() * 10, TimeUnit.MILLISECONDS)).isTrue();
                future.cancel(true);
                assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
            }
            assertThat(hung.runs(0)).as("runs under %s", strategy).isEqualTo(1);
            assertThat(hung.inFlight()).as("in flight after a cancelled hang under %s", strategy).isZero();
            hung.close();
        }
    }

    @Test
    void aTaskThatBehavesDifferentlyUnderSomeStrategyFailsTheAssertion() {
        Task<Boolean> dependsOnStrategy = ctx -> Thread.currentThread().isVirtual();
        assertThatThrownBy(() -> Equivalence.assertSameOutcomesUnderEveryStrategy(
                List.of(dependsOnStrategy), RunOptions.of(Strategy.THREAD)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("outcomes under VIRTUAL_THREAD");
    }

    @Test
    void outcomesCompareFailuresByClassAndMessage() {
        assertThat(Outcomes.equivalent(new Outcome.Failure<>(new IllegalStateException("x")),
                new Outcome.Failure<>(new IllegalStateException("x")))).isTrue();
        assertThat(Outcomes.equivalent(new Outcome.Failure<>(new IllegalStateException("x")),
                new Outcome.Failure<>(new IllegalArgumentException("x")))).isFalse();
        assertThat(Outcomes.describe(new Outcome.TimedOut<>(LIMIT))).isEqualTo("TimedOut(PT1S)");
    }

    @Test
    void specsKnowTheirExpectedOutcomes() {
        assertThat(TaskSpec.Compute.fib(22)).isEqualTo(17711);
        assertThat(new TaskSpec.Hang().expected(LIMIT)).isEqualTo(new Outcome.TimedOut<>(LIMIT));
        assertThat(new TaskSpec.Sleep(5).expected(LIMIT)).isEqualTo(new Outcome.Success<>(5L));
    }

    @Provide
    Arbitrary<List<TaskSpec>> mixes() {
        return JqwikArbitraries.mixes(6).filter(mix -> mix.stream().noneMatch(TaskSpec.Hang.class::isInstance));
    }

    /**
     * The README's example: five lines for a property over every strategy
     * (direct-style tasks, so CALLBACK is skipped; the overload that takes the
     * async forms too covers it).
     */
    @Property(tries = 10)
    void readmeExample(@ForAll("mixes") List<TaskSpec> mix) {
        Equivalence.assertSameOutcomesUnderEveryStrategy(TaskSpecs.toTasks(mix), RunOptions.of(Strategy.THREAD));
    }
}
