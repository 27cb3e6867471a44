package dev.concurrency.tests.structure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.concurrency.AsyncTask;
import dev.concurrency.AsyncTaskGroup;
import dev.concurrency.Concurrency;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.TaskGroup;
import dev.concurrency.testkit.JqwikArbitraries;
import dev.concurrency.testkit.Outcomes;
import dev.concurrency.testkit.Serialization;
import dev.concurrency.testkit.Strategies;
import dev.concurrency.testkit.TaskSpec;
import dev.concurrency.testkit.TaskSpecs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A group's children end as the same specs run one after another do: for a
 * random set of computing, sleeping and failing children (no hanging ones:
 * children have no timeout of their own), {@code join()} without fail-fast
 * gives the outcomes a sequential run gives, in spawn order, under every
 * strategy (async children under CALLBACK, children inside the worker under
 * PROCESS). 10 tries by default, more with {@code -Djqwik.tries.default=N}.
 */
@SuppressWarnings("try") // TaskGroup.close() is a cancellation point: it may throw InterruptedException
class TaskGroupPropertiesTest {

    @Provide
    Arbitrary<List<TaskSpec>> children() {
        return JqwikArbitraries.mixes(8).map(mix -> mix.stream().filter(s -> !(s instanceof TaskSpec.Hang)).toList());
    }

    @Provide
    Arbitrary<Strategy> strategies() {
        return JqwikArbitraries.strategies();
    }

    @Property(tries = 10)
    void childrenEndAsASequentialRunDoes(@ForAll("children") List<TaskSpec> children,
                                         @ForAll("strategies") Strategy strategy) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Task<List<String>> direct = ctx -> {
                try (TaskGroup<Long> group = ctx.<Long>group().failFast(false)) {
                    for (TaskSpec spec : children) {
                        group.spawn(spec::perform);
                    }
                    return new ArrayList<>(Outcomes.describeAll(group.join()));
                }
            };
            AsyncTask<List<String>> async = ctx -> {
                AsyncTaskGroup<Long> group = ctx.<Long>group().failFast(false);
                for (TaskSpec spec : children) {
                    group.spawn(spec::performAsync);
                }
                return group.join().thenCompose(outcomes -> group.close()
                        .thenApply(v -> new ArrayList<>(Outcomes.describeAll(outcomes))));
            };
            Task<List<String>> task = Serialization.copy(strategy == Strategy.CALLBACK ? async : direct);
            Results<List<String>> results = Concurrency.run(List.of(task), Strategies.options(strategy));
            Outcome<List<String>> outcome = results.outcomes().get(0);
            assertThat(outcome).as("%s", outcome).isInstanceOf(Outcome.Success.class);
            assertThat(((Outcome.Success<List<String>>) outcome).value())
                    .containsExactlyElementsOf(Outcomes.describeAll(TaskSpecs.expected(children, Duration.ofSeconds(1))));
        });
    }
}
