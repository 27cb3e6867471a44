package dev.concurrency.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concurrency.Outcome;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The test kit checks what it promises, and fails where it should. */
class EquivalenceTest {

    private static final Duration LIMIT = Duration.ofSeconds(1);

    @Test
    void agreeingTasksPassAndEveryStrategyIsRun() {
        List<Task<Long>> tasks = TaskSpecs.toTasks(List.of(new TaskSpec.Compute(10), new TaskSpec.Fail("no")));
        var results = Equivalence.assertSameOutcomesUnderEveryStrategy(tasks, RunOptions.of(Strategy.THREAD));
        assertThat(results.keySet()).containsExactlyElementsOf(listWithNullFirst());
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
        return TaskSpecs.mixes(6).filter(mix -> mix.stream().noneMatch(TaskSpec.Hang.class::isInstance));
    }

    /** The README's example: five lines for a property over every strategy. */
    @Property(tries = 10)
    void readmeExample(@ForAll("mixes") List<TaskSpec> mix) {
        Equivalence.assertSameOutcomesUnderEveryStrategy(TaskSpecs.toTasks(mix), RunOptions.of(Strategy.THREAD));
    }

    private static List<Strategy> listWithNullFirst() {
        java.util.ArrayList<Strategy> keys = new java.util.ArrayList<>();
        keys.add(null);
        keys.addAll(Strategies.all());
        return keys;
    }
}
