package dev.concurrency.spi;

import dev.concurrency.RunOptions;
import dev.concurrency.StrategyOptions;
import java.util.Objects;

/**
 * What a provider is given to make an engine: the runner's options (already
 * checked: only option types the provider declares are attached) and a prefix
 * for the names of the engine's threads, unique to the runner.
 * Immutable and thread-safe.
 *
 * @param options          the runner's options
 * @param threadNamePrefix the prefix of the engine's thread names, e.g. {@code "concurrency-3-"}
 */
public record EngineSetup(RunOptions options, String threadNamePrefix) {

    /**
     * Checks that both parts are present.
     *
     * @throws NullPointerException if an argument is null
     */

    public EngineSetup {
        Objects.requireNonNull(options, "options is null");
        Objects.requireNonNull(threadNamePrefix, "threadNamePrefix is null");
    }

    /**
     * The runner's options of one type, or their defaults when none are attached.
     *
     * @param type     the option type, one the provider declares
     * @param defaults the value when the runner has none of that type
     * @param <O>      the type
     * @return the options
     */
    public <O extends StrategyOptions> O option(Class<O> type, O defaults) {
        return options.option(type).orElse(defaults);
    }
}
