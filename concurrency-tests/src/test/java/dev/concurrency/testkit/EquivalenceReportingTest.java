package dev.concurrency.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concurrency.AsyncTask;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Equivalence with results of the user's own types: arrays by content, an
 * equivalence of the user's, CALLBACK's skip reported with why, and failures
 * that name the strategy, the task and the input.
 */
@Timeout(120)
class EquivalenceReportingTest {

    private static final RunOptions OPTIONS = RunOptions.of(Strategy.THREAD);

    /** Under a virtual thread (VIRTUAL_THREAD, and EVENT_LOOP's coroutines) "A", elsewhere "a". */
    private static final Task<String> CASE_BY_THREAD = Task.named("caseByThread",
            ctx -> Thread.currentThread().isVirtual() ? "A" : "a");

    record Matrix(String name, int[][] rows) implements java.io.Serializable {
    }

    @Test
    void arraysAndRecordsHoldingArraysAreTheSameUnderEveryStrategy() {
        List<AsyncTask<Object>> tasks = List.of(
                AsyncTask.named("ints", ctx -> CompletableFuture.completedFuture(new int[] {1, 2, 3})),
                AsyncTask.named("nested", ctx -> CompletableFuture.completedFuture(new long[][] {{1}, {2, 3}})),
                AsyncTask.named("record", ctx -> CompletableFuture.completedFuture(new Matrix("m", new int[][] {{4}}))));
        var runs = Equivalence.assertSameOutcomesUnderEveryStrategy(tasks, OPTIONS).assertRanEveryStrategy();
        assertThat(runs.ran()).containsExactlyElementsOf(Strategies.all());
        assertThat(Outcomes.describeAll(runs.reference().outcomes()))
                .containsExactly("Success([1, 2, 3])", "Success([[1], [2, 3]])", "Success(Matrix[name=m, rows=[[4]]])");
    }

    @Test
    void aUserEquivalenceDecidesWhatIsTheSame() {
        var runs = Equivalence.assertSameOutcomesUnderEveryStrategy(List.of(CASE_BY_THREAD), OPTIONS,
                String::equalsIgnoreCase);
        assertThat(runs.ran()).containsExactlyElementsOf(
                Strategies.all().stream().filter(s -> s != Strategy.CALLBACK).toList());
        assertThat(runs.results(Strategy.VIRTUAL_THREAD).values()).containsExactly("A");
    }

    @Test
    void aFailureNamesTheStrategyEachDifferingTaskAndTheInput() {
        Task<String> same = Task.named("same", ctx -> "x");
        assertThatThrownBy(() -> Equivalence.assertSameOutcomesUnderEveryStrategy(
                List.of(same, CASE_BY_THREAD), OPTIONS.taskTimeout(java.time.Duration.ofSeconds(9))))
                .isInstanceOf(AssertionError.class)
                .hasMessage("outcomes under VIRTUAL_THREAD differ from a sequential run in 1 of 2 tasks:\n"
                        + "  tasks[1] 'caseByThread': expected Success(a) (sequential run), got Success(A)\n"
                        + "input: 2 tasks [tasks[0] 'same', tasks[1] 'caseByThread'],"
                        + " options RunOptions[VIRTUAL_THREAD, taskTimeout=PT9S]\n"
                        + "skipped: CALLBACK (CALLBACK runs AsyncTask only, and tasks[0] 'same' is a"
                        + " direct-style Task: pass each task's AsyncTask form as asyncForms to cover CALLBACK)");
    }

    @Test
    void aFailureSaysHowToNameUnnamedTasks() {
        Task<int[]> unnamed = ctx -> new int[] {Thread.currentThread().isVirtual() ? 1 : 0};
        assertThatThrownBy(() -> Equivalence.assertSameOutcomesUnderEveryStrategy(List.of(unnamed), OPTIONS))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("tasks[0] (unnamed): expected Success([0]) (sequential run), got Success([1])")
                .hasMessageContaining("Task.named(name, task)");
    }

    @Test
    void skippingCallbackIsReportedAndCanBeRefused() {
        List<TaskSpec> mix = List.of(new TaskSpec.Compute(3), new TaskSpec.Sleep(1));
        var direct = Equivalence.assertSameOutcomesUnderEveryStrategy(TaskSpecs.toTasks(mix), OPTIONS);
        assertThat(direct.skipped()).containsOnlyKeys(Strategy.CALLBACK);
        assertThat(direct.skipped().get(Strategy.CALLBACK)).contains("tasks[0] 'Compute[n=3]' is a direct-style Task");
        assertThat(direct.toString()).contains("skipped: CALLBACK (");
        assertThatThrownBy(direct::assertRanEveryStrategy)
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("not every strategy ran: CALLBACK (CALLBACK runs AsyncTask only");
        assertThatThrownBy(() -> direct.results(Strategy.CALLBACK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("strategy: CALLBACK (expected: one that ran, [")
                .hasMessageContaining("it was skipped: CALLBACK runs AsyncTask only");

        var both = Equivalence.assertSameOutcomesUnderEveryStrategy(
                TaskSpecs.toTasks(mix), TaskSpecs.toAsyncTasks(mix), OPTIONS, Long::equals);
        assertThat(both.assertRanEveryStrategy().skipped()).isEmpty();
    }

    @Test
    void badArgumentsAreNamed() {
        List<Task<Long>> withNull = Arrays.asList(ctx -> 1L, null);
        assertThatThrownBy(() -> Equivalence.assertSameOutcomesUnderEveryStrategy(withNull, OPTIONS))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("tasks[1] is null");
        assertThatThrownBy(() -> Equivalence.assertSameOutcomesUnderEveryStrategy(List.of(CASE_BY_THREAD), OPTIONS, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageStartingWith("values is null");
        assertThatThrownBy(() -> Equivalence.assertSameOutcomesUnderEveryStrategy(List.of(CASE_BY_THREAD), null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageStartingWith("options is null");
    }
}
