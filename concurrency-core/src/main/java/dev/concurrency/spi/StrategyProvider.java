package dev.concurrency.spi;

import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.StrategyOptions;
import dev.concurrency.Task;
import dev.concurrency.TaskInfo;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the library needs to know about one {@link Strategy}, in one
 * place, and how to make its engine. One provider per strategy, found through
 * {@link java.util.ServiceLoader}; the built-in strategies are providers too.
 *
 * <pre>{@code
 * public final class MyProvider implements StrategyProvider {
 *     public Strategy strategy() { return Strategy.THREAD; }
 *     public int admissionBound(RunOptions options) { return options.maxConcurrency().orElse(8); }
 *     public Engine newEngine(EngineSetup setup) { return new MyEngine(setup); }
 * }
 * }</pre>
 *
 * <p>Implementations must be thread-safe and have a public no-argument constructor.
 */
public interface StrategyProvider {

    /** {@return the strategy this provider runs} */
    Strategy strategy();

    /**
     * Checks, before anything runs, that this strategy can run a task.
     *
     * @param task the task, not null
     * @param info how to name it in the error
     * @throws IllegalArgumentException naming the task and saying what to do, if it cannot run it
     */
    default void checkTask(Task<?> task, TaskInfo info) {
    }

    /**
     * The most tasks of a runner that may run at once; the others wait, in input order.
     *
     * @param options the runner's options
     * @return the bound, {@code > 0}
     */
    int admissionBound(RunOptions options);

    /** {@return where the emulated interpreter lock lives; {@link GilScope#PER_RUN} by default} */
    default GilScope gilScope() {
        return GilScope.PER_RUN;
    }

    /**
     * Whether {@link dev.concurrency.Concurrency#executor} offers this strategy as an
     * {@link java.util.concurrent.ExecutorService}, and if not, why.
     *
     * @return empty if it does; otherwise the error message, saying what to use instead
     */
    default Optional<String> executorServiceRefusal() {
        return Optional.empty();
    }

    /** {@return the option types this strategy takes ({@link dev.concurrency.RunOptions#with}); none by default} */
    default Set<Class<? extends StrategyOptions>> optionTypes() {
        return Set.of();
    }

    /**
     * Makes the engine of one runner.
     *
     * @param setup the runner's options and thread names
     * @return the engine, owned by the runner
     */
    Engine newEngine(EngineSetup setup);
}
