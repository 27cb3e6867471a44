package dev.concurrency.internal.eventloop;

import dev.concurrency.AsyncTask;
import dev.concurrency.LoopOptions;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.StrategyOptions;
import dev.concurrency.Task;
import dev.concurrency.TaskInfo;
import dev.concurrency.spi.Engine;
import dev.concurrency.spi.EngineSetup;
import dev.concurrency.spi.StrategyProvider;
import java.util.Optional;
import java.util.Set;

/** {@link Strategy#CALLBACK}: {@link AsyncTask}s only, as chains of callbacks on selector loops. Thread-safe. */
public final class CallbackProvider implements StrategyProvider {

    @Override
    public Strategy strategy() {
        return Strategy.CALLBACK;
    }

    @Override
    public void checkTask(Task<?> task, TaskInfo info) {
        if (!(task instanceof AsyncTask<?>)) {
            throw new IllegalArgumentException("CALLBACK runs AsyncTask only; " + info
                    + " is a direct-style Task — use EVENT_LOOP, or write it as an AsyncTask");
        }
    }

    @Override
    public int admissionBound(RunOptions options) {
        return options.maxConcurrency().orElse(Integer.MAX_VALUE);
    }

    @Override
    public Optional<String> executorServiceRefusal() {
        return Optional.of("CALLBACK runs AsyncTasks, and an ExecutorService runs Runnables and Callables: use "
                + "Concurrency.open(Strategy.CALLBACK) and submit AsyncTasks, or EVENT_LOOP here");
    }

    @Override
    public Set<Class<? extends StrategyOptions>> optionTypes() {
        return Set.of(LoopOptions.class);
    }

    @Override
    public Engine newEngine(EngineSetup setup) {
        return new LoopEngine(setup, strategy().name(), false);
    }
}
