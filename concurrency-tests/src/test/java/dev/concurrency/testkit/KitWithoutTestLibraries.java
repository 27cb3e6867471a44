package dev.concurrency.testkit;

import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import java.util.List;

/**
 * A user's test without jqwik or AssertJ, run in a JVM whose class path has
 * neither (see {@link OptionalDependenciesTest}): the kit's assertion, task
 * specs, probe and strategies work, and a failure is a plain AssertionError.
 * Prints {@code ok} when all of that holds.
 */
final class KitWithoutTestLibraries {

    private KitWithoutTestLibraries() {
    }

    public static void main(String[] args) {
        for (String absent : List.of("net.jqwik.api.Arbitrary", "org.assertj.core.api.Assertions")) {
            try {
                Class.forName(absent);
                throw new IllegalStateException(absent + " is on the class path; this check needs it absent");
            } catch (ClassNotFoundException expected) {
                // as it should be
            }
        }
        List<TaskSpec> mix = List.of(new TaskSpec.Compute(5), new TaskSpec.Fail("no"));
        RunOptions options = RunOptions.of(Strategy.THREAD);
        try (Probe probe = new Probe(mix.size())) {
            Equivalence.assertSameOutcomesUnderEveryStrategy(TaskSpecs.toTasks(mix, probe),
                    TaskSpecs.toAsyncTasks(mix, probe), options).assertRanEveryStrategy();
            if (probe.runs(0) != Strategies.all().size() + 1) {
                throw new IllegalStateException("runs of task 0: " + probe.runs(0));
            }
        }
        Task<int[]> byThread = ctx -> new int[] {Thread.currentThread().isVirtual() ? 1 : 0};
        try {
            Equivalence.assertSameOutcomesUnderEveryStrategy(List.of(byThread), options);
            throw new IllegalStateException("no AssertionError for a task that differs by strategy");
        } catch (AssertionError expected) {
            if (!expected.getMessage().startsWith("outcomes under VIRTUAL_THREAD")) {
                throw expected;
            }
        }
        System.out.println("ok");
    }
}
