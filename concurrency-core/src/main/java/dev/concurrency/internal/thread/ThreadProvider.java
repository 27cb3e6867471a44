package dev.concurrency.internal.thread;

import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.spi.Engine;
import dev.concurrency.spi.EngineSetup;
import dev.concurrency.spi.StrategyProvider;

/**
 * {@link Strategy#THREAD}: a pool of platform threads as large as the
 * admission bound ({@code maxConcurrency}, by default
 * {@value RunOptions#DEFAULT_THREAD_POOL_SIZE}). Thread-safe.
 */
public final class ThreadProvider implements StrategyProvider {

    @Override
    public Strategy strategy() {
        return Strategy.THREAD;
    }

    @Override
    public int admissionBound(RunOptions options) {
        return options.maxConcurrency().orElse(RunOptions.DEFAULT_THREAD_POOL_SIZE);
    }

    @Override
    public Engine newEngine(EngineSetup setup) {
        return new PlatformThreadEngine(admissionBound(setup.options()), setup.threadNamePrefix() + "thread-");
    }
}
