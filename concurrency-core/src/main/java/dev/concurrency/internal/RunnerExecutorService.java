package dev.concurrency.internal;

import dev.concurrency.Outcome;
import dev.concurrency.RunOptions;
import dev.concurrency.Task;
import dev.concurrency.TaskContext;
import dev.concurrency.TaskInfo;
import dev.concurrency.internal.engine.Execution;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link java.util.concurrent.ExecutorService} view of a strategy. Each
 * {@link Runnable} becomes a task of the strategy; {@code submit} and
 * {@code invoke*} come from {@link AbstractExecutorService}, whose
 * {@link java.util.concurrent.FutureTask}s run on the strategy's threads, so
 * {@code cancel(true)} interrupts the task where it runs.
 *
 * <p>A plain {@code execute(Runnable)} that throws is logged at WARN, the
 * library's stand-in for the thread's uncaught-exception handler.
 */
public final class RunnerExecutorService extends AbstractExecutorService {

    private static final Logger log = LoggerFactory.getLogger(RunnerExecutorService.class);

    private final TaskScheduler scheduler;

    /**
     * @param options how to run tasks
     */
    public RunnerExecutorService(RunOptions options) {
        this.scheduler = new TaskScheduler(options);
    }

    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command is null");
        Execution<Void> execution = scheduler.prepare(new RunnableTask(command),
                new TaskInfo(TaskInfo.SUBMITTED, ""), RunnerExecutorService::report);
        scheduler.submit(List.of(execution));
    }

    private static void report(Execution<Void> execution) {
        if (execution.outcome() instanceof Outcome.Failure<Void> f) {
            log.warn("{} ({}) threw", execution.info(), ((RunnableTask) execution.task()).command, f.error());
        }
    }

    @Override
    public void shutdown() {
        scheduler.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> notStarted = new ArrayList<>();
        for (Task<?> task : scheduler.shutdownNow()) {
            notStarted.add(((RunnableTask) task).command);
        }
        return notStarted;
    }

    @Override
    public boolean isShutdown() {
        return scheduler.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return scheduler.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return scheduler.awaitTermination(unit.toNanos(timeout));
    }

    @Override
    public String toString() {
        return "ExecutorService[" + scheduler.options()
                + (scheduler.isTerminated() ? ", terminated]" : scheduler.isShutdown() ? ", shut down]" : "]");
    }

    /** A {@link Runnable} as a task. */
    private record RunnableTask(Runnable command) implements Task<Void> {

        @Override
        public Void run(TaskContext ctx) {
            command.run();
            return null;
        }
    }
}
