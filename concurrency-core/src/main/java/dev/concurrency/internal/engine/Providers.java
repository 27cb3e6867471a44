package dev.concurrency.internal.engine;

import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.StrategyOptions;
import dev.concurrency.Task;
import dev.concurrency.TaskInfo;
import dev.concurrency.spi.Engine;
import dev.concurrency.spi.EngineSetup;
import dev.concurrency.spi.StrategyProvider;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The strategy providers found through {@link ServiceLoader}, one per
 * strategy, and the checks every run, runner and executor makes through them
 * before anything runs. The library's own providers are found the same way as
 * any other module's. Immutable and thread-safe.
 */
public final class Providers {

    private static final Logger log = LoggerFactory.getLogger(Providers.class);
    private static final AtomicInteger RUNNERS = new AtomicInteger();

    private final Map<Strategy, StrategyProvider> byStrategy = new EnumMap<>(Strategy.class);

    Providers(Iterable<? extends StrategyProvider> providers) {
        for (StrategyProvider provider : providers) {
            StrategyProvider first = byStrategy.putIfAbsent(provider.strategy(), provider);
            if (first != null && first.getClass() != provider.getClass()) {
                log.warn("two providers of {}: {} and {}; using the first", provider.strategy(),
                        first.getClass().getName(), provider.getClass().getName());
            }
        }
    }

    /** @return the providers on this JVM's class path and module path */
    public static Providers installed() {
        return Installed.PROVIDERS;
    }

    /** Loaded on first use, once. */
    private static final class Installed {
        static final Providers PROVIDERS = load();

        private static Providers load() {
            List<StrategyProvider> found = new ArrayList<>();
            ServiceLoader.load(StrategyProvider.class, Providers.class.getClassLoader()).forEach(found::add);
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context != null && context != Providers.class.getClassLoader()) {
                ServiceLoader.load(StrategyProvider.class, context).forEach(found::add);
            }
            return new Providers(found);
        }
    }

    /** @return the strategies whose provider is installed, in declaration order */
    public List<Strategy> strategies() {
        return List.copyOf(byStrategy.keySet());
    }

    /**
     * @param strategy a strategy
     * @return its provider
     * @throws IllegalStateException naming the artifact to add, if none was found
     */
    public StrategyProvider of(Strategy strategy) {
        StrategyProvider provider = byStrategy.get(strategy);
        if (provider == null) {
            throw new IllegalStateException("no provider of " + strategy + " was found on the class path or module "
                    + "path: add the artifact " + strategy.artifact() + " (it registers a "
                    + StrategyProvider.class.getName() + " through java.util.ServiceLoader)");
        }
        return provider;
    }

    /**
     * Checks that the options' strategy takes every strategy-specific setting attached to them.
     *
     * @param options a run's, runner's or executor's options
     * @return the strategy's provider
     * @throws IllegalArgumentException naming the first setting that does not apply, and the strategies it applies to
     */
    public StrategyProvider checkOptions(RunOptions options) {
        StrategyProvider provider = of(options.strategy());
        for (StrategyOptions settings : options.strategyOptions()) {
            if (!provider.optionTypes().contains(settings.getClass())) {
                throw new IllegalArgumentException(settings.settings() + " applies to "
                        + takers(settings.getClass()) + ", not " + options.strategy());
            }
        }
        return provider;
    }

    /**
     * A comparison template for one strategy: only the settings that concern it.
     *
     * @param template options that may carry settings for several strategies
     * @param strategy the strategy of one row
     * @return the template with that strategy and without the settings it does not take
     */
    public RunOptions forStrategy(RunOptions template, Strategy strategy) {
        RunOptions options = template.strategy(strategy);
        StrategyProvider provider = of(strategy);
        for (StrategyOptions settings : template.strategyOptions()) {
            if (!provider.optionTypes().contains(settings.getClass())) {
                options = options.without(settings.getClass());
            }
        }
        return options;
    }

    /**
     * Checks, before anything runs, that the provider's strategy can run every task.
     *
     * @param provider the strategy's provider
     * @param tasks    the tasks, none null
     * @throws IllegalArgumentException naming the first task it cannot run
     */
    public static void checkTasks(StrategyProvider provider, List<? extends Task<?>> tasks) {
        for (int i = 0; i < tasks.size(); i++) {
            provider.checkTask(tasks.get(i), new TaskInfo(i, tasks.get(i).name()));
        }
    }

    /**
     * Makes the engine of a new runner.
     *
     * @param provider the strategy's provider
     * @param options  the runner's options, checked
     * @return the engine
     */
    public static Engine newEngine(StrategyProvider provider, RunOptions options) {
        return provider.newEngine(new EngineSetup(options, "concurrency-" + RUNNERS.incrementAndGet() + "-"));
    }

    private String takers(Class<? extends StrategyOptions> type) {
        List<String> names = byStrategy.values().stream()
                .filter(p -> p.optionTypes().contains(type))
                .map(p -> p.strategy().name())
                .toList();
        if (names.isEmpty()) {
            return "no installed strategy";
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        return names.subList(0, names.size() - 1).stream().collect(Collectors.joining(", "))
                + " and " + names.get(names.size() - 1);
    }
}
