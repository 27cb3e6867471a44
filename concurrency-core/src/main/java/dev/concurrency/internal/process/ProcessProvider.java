package dev.concurrency.internal.process;

import dev.concurrency.ProcessOptions;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.StrategyOptions;
import dev.concurrency.spi.Engine;
import dev.concurrency.spi.EngineSetup;
import dev.concurrency.spi.GilScope;
import dev.concurrency.spi.StrategyProvider;
import java.util.Optional;
import java.util.Set;

/**
 * {@link Strategy#PROCESS}: a pool of worker JVMs; at most one task per worker
 * at a time, and each worker keeps its own interpreter lock. Thread-safe.
 */
public final class ProcessProvider implements StrategyProvider {

    @Override
    public Strategy strategy() {
        return Strategy.PROCESS;
    }

    @Override
    public int admissionBound(RunOptions options) {
        int workers = ProcessEngine.workers(options.option(ProcessOptions.class).orElse(ProcessOptions.defaults()));
        return Math.min(workers, options.maxConcurrency().orElse(Integer.MAX_VALUE));
    }

    @Override
    public GilScope gilScope() {
        return GilScope.PER_PROCESS;
    }

    @Override
    public Optional<String> executorServiceRefusal() {
        return Optional.of("PROCESS runs tasks in other JVMs, where a Runnable's effects and a Future's result would "
                + "stay: use Concurrency.open(Strategy.PROCESS) and submit Tasks, whose results come back");
    }

    @Override
    public Set<Class<? extends StrategyOptions>> optionTypes() {
        return Set.of(ProcessOptions.class);
    }

    @Override
    public Engine newEngine(EngineSetup setup) {
        return new ProcessEngine(setup);
    }
}
