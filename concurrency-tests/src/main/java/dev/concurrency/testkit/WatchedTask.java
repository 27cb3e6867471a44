package dev.concurrency.testkit;

import dev.concurrency.Task;
import dev.concurrency.TaskContext;
import java.io.Serial;

/**
 * What {@link Probe#watch} makes: a task that tells its probe as it begins and as it ends.
 *
 * @param probe the probe it reports to
 * @param index its position among the probe's tasks
 * @param task  the task that runs, whose name it takes
 * @param <T>   the task's result type
 */

record WatchedTask<T>(Probe probe, int index, Task<T> task) implements Task<T> {

    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public T run(TaskContext ctx) throws Exception {
        probe.enter(index);
        try {
            return task.run(ctx);
        } finally {
            probe.exit(index);
        }
    }

    @Override
    public String name() {
        return task.name();
    }
}
