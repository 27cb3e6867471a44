package dev.concurrency.internal.engine;

import dev.concurrency.AsyncTask;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.TaskInfo;
import java.util.List;
import dev.concurrency.internal.eventloop.CallbackEngine;
import dev.concurrency.internal.gil.GlobalLock;
import dev.concurrency.internal.eventloop.EventLoopEngine;
import dev.concurrency.internal.process.ProcessEngine;
import dev.concurrency.internal.thread.PlatformThreadEngine;
import dev.concurrency.internal.thread.VirtualThreadEngine;
import java.util.concurrent.atomic.AtomicInteger;

/** Makes the engine behind each {@link dev.concurrency.Strategy}: the one place a new strategy is wired in. */
public final class Engines {

    private static final AtomicInteger RUNNERS = new AtomicInteger();

    private Engines() {
    }

    /**
     * A new engine for the options' strategy.
     *
     * @param options the runner's options
     * @return the engine, owned by the caller
     */
    public static Engine create(RunOptions options) {
        int id = RUNNERS.incrementAndGet();
        return switch (options.strategy()) {
            case PROCESS -> new ProcessEngine(options, "concurrency-" + id + "-");
            case THREAD -> new PlatformThreadEngine(
                    options.maxConcurrency().orElse(RunOptions.DEFAULT_THREAD_POOL_SIZE),
                    "concurrency-" + id + "-thread-");
            case VIRTUAL_THREAD -> new VirtualThreadEngine("concurrency-" + id + "-virtual-");
            case EVENT_LOOP -> new EventLoopEngine(options, "concurrency-" + id + "-");
            case CALLBACK -> new CallbackEngine(options, "concurrency-" + id + "-");
        };
    }

    /**
     * Checks, before anything runs, that the strategy can run every task.
     *
     * @param strategy the strategy
     * @param tasks    the tasks, none null
     * @throws IllegalArgumentException naming the first task the strategy cannot run
     */
    public static void checkRunnable(Strategy strategy, List<? extends Task<?>> tasks) {
        if (strategy != Strategy.CALLBACK) {
            return;
        }
        for (int i = 0; i < tasks.size(); i++) {
            checkRunnable(strategy, tasks.get(i), new TaskInfo(i, tasks.get(i).name()));
        }
    }

    /**
     * Checks, before it runs, that the strategy can run a task.
     *
     * @param strategy the strategy
     * @param task     the task
     * @param info     how to name it
     * @throws IllegalArgumentException if the strategy cannot run it
     */
    public static void checkRunnable(Strategy strategy, Task<?> task, TaskInfo info) {
        if (strategy == Strategy.CALLBACK && !(task instanceof AsyncTask<?>)) {
            throw new IllegalArgumentException("CALLBACK runs AsyncTask only; " + info
                    + " is a direct-style Task — use EVENT_LOOP, or write it as an AsyncTask");
        }
    }

    /**
     * The emulated interpreter lock the tasks of a runner share, if they share
     * one: under {@code PROCESS} each worker has its own instead, as each
     * Python process has its own interpreter.
     *
     * @param options the runner's options
     * @return the runner's lock, or {@code null} without a GIL or where the engine keeps its own
     */
    public static GlobalLock runLock(RunOptions options) {
        return options.gil().isOff() || options.strategy() == Strategy.PROCESS ? null : new GlobalLock(options.gil());
    }

    /**
     * The admission bound the scheduler applies over the engine.
     *
     * @param options the runner's options
     * @return the most tasks that may run at once
     */
    public static int concurrencyBound(RunOptions options) {
        return switch (options.strategy()) {
            case PROCESS -> Math.min(ProcessEngine.workers(options), options.maxConcurrency().orElse(Integer.MAX_VALUE));
            case THREAD -> options.maxConcurrency().orElse(RunOptions.DEFAULT_THREAD_POOL_SIZE);
            case VIRTUAL_THREAD, EVENT_LOOP, CALLBACK -> options.maxConcurrency().orElse(Integer.MAX_VALUE);
        };
    }
}
