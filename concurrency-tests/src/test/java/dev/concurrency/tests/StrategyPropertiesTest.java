package dev.concurrency.tests;

import static dev.concurrency.tests.TestSupport.LONG;
import static dev.concurrency.tests.TestSupport.TIMEOUT;
import static dev.concurrency.tests.TestSupport.assertNoLibraryThreadAlive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.concurrency.Concurrency;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.testkit.Equivalence;
import dev.concurrency.testkit.JqwikArbitraries;
import dev.concurrency.testkit.Outcomes;
import dev.concurrency.testkit.Probe;
import dev.concurrency.testkit.Serialization;
import dev.concurrency.testkit.Strategies;
import dev.concurrency.testkit.TaskSpec;
import dev.concurrency.testkit.TaskSpecs;
import java.util.List;
import java.util.concurrent.FutureTask;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties over random mixes of computing, sleeping, failing and hanging
 * tasks, under every strategy: 25 tries each by default, more with {@code -Djqwik.tries.default=N}.
 * CALLBACK runs the mixes' async forms ({@link TaskSpecs#toAsyncTasks}), the
 * other strategies their direct forms; one property checks that the async
 * forms end as the direct ones under every strategy.
 * Each try has a time limit, as every test of the suite does. Every run gets
 * serialized copies of its tasks, and a {@link Probe} observes them, so the
 * properties hold for strategies that run tasks in other processes too.
 */
class StrategyPropertiesTest {

    @Provide
    Arbitrary<List<TaskSpec>> mixes() {
        return JqwikArbitraries.mixes(12);
    }

    @Provide
    Arbitrary<Strategy> strategies() {
        return JqwikArbitraries.strategies();
    }

    /** The tasks {@code strategy} runs, as serialized copies (see {@link TaskSpecs#toTasksFor}). */
    private static List<dev.concurrency.Task<Long>> tasksFor(Strategy strategy, List<TaskSpec> mix, Probe probe) {
        return Serialization.copies(TaskSpecs.toTasksFor(strategy, mix, probe));
    }

    @Property
    void everyStrategyEndsTasksAsASequentialRunDoesInInputOrder(@ForAll("mixes") List<TaskSpec> mix) {
        assertTimeoutPreemptively(LONG.multipliedBy(3), () -> {
            RunOptions options = RunOptions.of(Strategy.THREAD).taskTimeout(TIMEOUT);
            var all = Equivalence.assertSameOutcomesUnderEveryStrategy(
                    Serialization.copies(TaskSpecs.toTasks(mix)), Serialization.copies(TaskSpecs.toAsyncTasks(mix)), options);
            assertThat(all.ran()).as("strategies run").containsAll(Strategies.all());
            assertThat(Outcomes.describeAll(all.reference().outcomes()))
                    .as("the sequential run against what each spec must do")
                    .containsExactlyElementsOf(Outcomes.describeAll(TaskSpecs.expected(mix, TIMEOUT)));
        });
    }

    @Property
    void noTaskIsLostOrRunTwice(@ForAll("mixes") List<TaskSpec> mix, @ForAll("strategies") Strategy strategy,
                                @ForAll @IntRange(min = 1, max = 4) int maxConcurrency) {
        assertTimeoutPreemptively(LONG, () -> {
            try (Probe probe = new Probe(mix.size())) {
                Results<Long> results = Concurrency.run(tasksFor(strategy, mix, probe),
                        Strategies.options(strategy).maxConcurrency(maxConcurrency).taskTimeout(TIMEOUT));
                assertThat(results.outcomes()).hasSameSizeAs(mix).doesNotContainNull();
                for (int i = 0; i < mix.size(); i++) {
                    assertThat(probe.runs(i)).as("runs of tasks[%d] %s", i, mix.get(i)).isEqualTo(1);
                }
            }
        });
    }

    @Property
    void tasksInFlightNeverExceedMaxConcurrency(@ForAll("mixes") List<TaskSpec> mix,
                                                @ForAll("strategies") Strategy strategy,
                                                @ForAll @IntRange(min = 1, max = 4) int maxConcurrency) {
        assertTimeoutPreemptively(LONG, () -> {
            try (Probe probe = new Probe(mix.size())) {
                // The probe's listener counts out a task that cannot exit: one whose worker process was killed.
                Concurrency.run(tasksFor(strategy, mix, probe), Strategies.options(strategy)
                        .maxConcurrency(maxConcurrency).taskTimeout(TIMEOUT).listener(probe.listener()));
                assertThat(probe.maxInFlight()).isLessThanOrEqualTo(maxConcurrency);
                assertThat(probe.inFlight()).as("tasks entered and not exited once run returned").isZero();
            }
        });
    }

    @Property
    void noThreadOfTheLibraryIsAliveAfterRunReturns(@ForAll("mixes") List<TaskSpec> mix,
                                                    @ForAll("strategies") Strategy strategy) {
        assertTimeoutPreemptively(LONG, () -> {
            try (Probe probe = new Probe(mix.size())) {
                Results<Long> results = Concurrency.run(tasksFor(strategy, mix, probe),
                        Strategies.options(strategy).taskTimeout(TIMEOUT));
                assertThat(results.outcomes()).noneMatch(o -> o instanceof Outcome.Cancelled<Long>);
                assertNoLibraryThreadAlive(probe.threads()); // this JVM's threads, and no worker process left
            }
        });
    }

    /**
     * An AsyncTask runs under every strategy, and its outcome is its direct
     * form's. CALLBACK runs no direct task: EVENT_LOOP, its direct-style
     * sibling on the same kind of loop, runs the direct forms in its place.
     * The two runs share nothing, so they run side by side (a hanging task
     * costs its timeout once, not twice).
     */
    @Property
    void asyncFormsEndAsTheDirectFormsDoUnderEveryStrategy(@ForAll("mixes") List<TaskSpec> mix,
                                                           @ForAll("strategies") Strategy strategy) {
        assertTimeoutPreemptively(LONG, () -> {
            RunOptions options = Strategies.options(strategy).taskTimeout(TIMEOUT);
            Strategy direct = strategy == Strategy.CALLBACK ? Strategy.EVENT_LOOP : strategy;
            FutureTask<Results<Long>> directRun =
                    new FutureTask<>(() -> Concurrency.run(Serialization.copies(TaskSpecs.toTasks(mix)),
                            options.strategy(direct)));
            Thread directRunner = Thread.ofPlatform().name("direct-forms-run").start(directRun);
            Results<Long> async;
            try {
                async = Concurrency.run(Serialization.copies(TaskSpecs.toAsyncTasks(mix)), options);
            } finally {
                directRunner.join();
            }
            Results<Long> reference = directRun.get();
            assertThat(Outcomes.describeAll(async.outcomes()))
                    .as("async forms under %s, against the direct forms under %s", strategy, direct)
                    .containsExactlyElementsOf(Outcomes.describeAll(reference.outcomes()))
                    .as("async forms under %s, against what each spec must do", strategy)
                    .containsExactlyElementsOf(Outcomes.describeAll(TaskSpecs.expected(mix, TIMEOUT)));
        });
    }
}
