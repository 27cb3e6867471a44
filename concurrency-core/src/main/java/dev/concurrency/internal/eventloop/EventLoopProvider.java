package dev.concurrency.internal.eventloop;

import dev.concurrency.LoopOptions;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.StrategyOptions;
import dev.concurrency.spi.Engine;
import dev.concurrency.spi.EngineSetup;
import dev.concurrency.spi.StrategyProvider;
import java.util.Set;

/** {@link Strategy#EVENT_LOOP}: tasks as coroutines of selector loops; async tasks as callbacks there. Thread-safe. */
public final class EventLoopProvider implements StrategyProvider {

    @Override
    public Strategy strategy() {
        return Strategy.EVENT_LOOP;
    }

    @Override
    public int admissionBound(RunOptions options) {
        return options.maxConcurrency().orElse(Integer.MAX_VALUE);
    }

    @Override
    public Set<Class<? extends StrategyOptions>> optionTypes() {
        return Set.of(LoopOptions.class);
    }

    @Override
    public Engine newEngine(EngineSetup setup) {
        return new LoopEngine(setup, strategy().name(), true);
    }
}
