package dev.concurrency.internal.engine;

import dev.concurrency.RunOptions;
import dev.concurrency.internal.eventloop.EventLoopEngine;
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
            case THREAD -> new PlatformThreadEngine(
                    options.maxConcurrency().orElse(RunOptions.DEFAULT_THREAD_POOL_SIZE),
                    "concurrency-" + id + "-thread-");
            case VIRTUAL_THREAD -> new VirtualThreadEngine("concurrency-" + id + "-virtual-");
            case EVENT_LOOP -> new EventLoopEngine(options, "concurrency-" + id + "-");
        };
    }

    /**
     * The admission bound the scheduler applies over the engine.
     *
     * @param options the runner's options
     * @return the most tasks that may run at once
     */
    public static int concurrencyBound(RunOptions options) {
        return switch (options.strategy()) {
            case THREAD -> options.maxConcurrency().orElse(RunOptions.DEFAULT_THREAD_POOL_SIZE);
            case VIRTUAL_THREAD, EVENT_LOOP -> options.maxConcurrency().orElse(Integer.MAX_VALUE);
        };
    }
}
