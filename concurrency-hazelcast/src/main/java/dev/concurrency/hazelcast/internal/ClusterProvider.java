package dev.concurrency.hazelcast.internal;

import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.StrategyOptions;
import dev.concurrency.hazelcast.ClusterOptions;
import dev.concurrency.spi.Engine;
import dev.concurrency.spi.EngineSetup;
import dev.concurrency.spi.GilScope;
import dev.concurrency.spi.StrategyProvider;
import java.util.Optional;
import java.util.Set;

/**
 * {@link Strategy#CLUSTER}: tasks on the members of a Hazelcast cluster, at
 * most members &times; pool size at once, each member keeping its own
 * interpreter lock. Thread-safe.
 */
public final class ClusterProvider implements StrategyProvider {

    /** Found through {@link java.util.ServiceLoader}. */
    public ClusterProvider() {
    }

    @Override
    public Strategy strategy() {
        return Strategy.CLUSTER;
    }

    @Override
    public int admissionBound(RunOptions options) {
        ClusterOptions cluster = options.option(ClusterOptions.class).orElse(ClusterOptions.defaults());
        int cores = Runtime.getRuntime().availableProcessors();
        long bound = (long) cluster.members().orElse(cores) * cluster.executorPoolSize().orElse(cores);
        return (int) Math.min(Math.min(bound, Integer.MAX_VALUE), options.maxConcurrency().orElse(Integer.MAX_VALUE));
    }

    @Override
    public GilScope gilScope() {
        return GilScope.PER_PROCESS;
    }

    @Override
    public Optional<String> executorServiceRefusal() {
        return Optional.of("CLUSTER runs tasks in other JVMs, where a Runnable's effects and a Future's result would "
                + "stay: use Concurrency.open(Strategy.CLUSTER) and submit Tasks, whose results come back");
    }

    @Override
    public Set<Class<? extends StrategyOptions>> optionTypes() {
        return Set.of(ClusterOptions.class);
    }

    @Override
    public Engine newEngine(EngineSetup setup) {
        return new ClusterEngine(setup);
    }
}
