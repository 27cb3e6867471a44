package dev.concurrency.testkit;

import dev.concurrency.Outcome;
import dev.concurrency.Task;
import dev.concurrency.TaskContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Random task mixes for property tests, and the tasks they stand for.
 *
 * <pre>{@code
 * @Provide Arbitrary<List<TaskSpec>> mixes() { return TaskSpecs.mixes(12); }
 * }</pre>
 */
public final class TaskSpecs {

    private TaskSpecs() {
    }

    /** @return one spec: mostly computing and sleeping, sometimes failing, rarely hanging */
    public static Arbitrary<TaskSpec> specs() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0, 22).map(TaskSpec.Compute::new)),
                Tuple.of(6, Arbitraries.longs().between(0, 20).map(TaskSpec.Sleep::new)),
                Tuple.of(3, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(TaskSpec.Fail::new)),
                Tuple.of(1, Arbitraries.just(new TaskSpec.Hang())));
    }

    /**
     * @param maxSize the most tasks in a mix
     * @return mixes of 0 to {@code maxSize} specs
     */
    public static Arbitrary<List<TaskSpec>> mixes(int maxSize) {
        return specs().list().ofMaxSize(maxSize);
    }

    /**
     * @param mix specs
     * @return a task per spec, named after it
     */
    public static List<Task<Long>> toTasks(List<TaskSpec> mix) {
        List<Task<Long>> tasks = new ArrayList<>(mix.size());
        for (TaskSpec spec : mix) {
            tasks.add(new SpecTask(spec, -1, null));
        }
        return tasks;
    }

    /**
     * @param mix   specs
     * @param probe watches each task run
     * @return a task per spec, named after it, reporting to {@code probe}
     */
    public static List<Task<Long>> toTasks(List<TaskSpec> mix, Probe probe) {
        List<Task<Long>> tasks = new ArrayList<>(mix.size());
        for (int i = 0; i < mix.size(); i++) {
            tasks.add(new SpecTask(mix.get(i), i, probe));
        }
        return tasks;
    }

    /**
     * @param mix         specs
     * @param taskTimeout the run's per-task timeout
     * @return the outcome each must end with
     */
    public static List<Outcome<Long>> expected(List<TaskSpec> mix, Duration taskTimeout) {
        return mix.stream().map(spec -> spec.expected(taskTimeout)).toList();
    }

    private record SpecTask(TaskSpec spec, int index, Probe probe) implements Task<Long> {

        @Override
        public Long run(TaskContext ctx) throws Exception {
            if (probe == null) {
                return spec.perform(ctx);
            }
            probe.enter(index);
            try {
                return spec.perform(ctx);
            } finally {
                probe.exit();
            }
        }

        @Override
        public String name() {
            return spec.toString();
        }
    }
}
