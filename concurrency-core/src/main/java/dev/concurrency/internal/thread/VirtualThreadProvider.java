package dev.concurrency.internal.thread;

import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.spi.Engine;
import dev.concurrency.spi.EngineSetup;
import dev.concurrency.spi.StrategyProvider;

/** {@link Strategy#VIRTUAL_THREAD}: a virtual thread per task, unbounded unless {@code maxConcurrency} is set. Thread-safe. */
public final class VirtualThreadProvider implements StrategyProvider {

    @Override
    public Strategy strategy() {
        return Strategy.VIRTUAL_THREAD;
    }

    @Override
    public int admissionBound(RunOptions options) {
        return options.maxConcurrency().orElse(Integer.MAX_VALUE);
    }

    @Override
    public Engine newEngine(EngineSetup setup) {
        return new VirtualThreadEngine(setup.threadNamePrefix() + "virtual");
    }
}
