package dev.concurrency.examples.experiments;

import dev.concurrency.Strategy;
import dev.concurrency.hazelcast.ClusterOptions;
import dev.concurrency.hazelcast.LocalCluster;
import dev.concurrency.spi.StrategyProvider;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The {@code cpu} experiment's CLUSTER rows: CLUSTER joins no other experiment
 * by default, and joins this one when its provider is installed, on one local
 * cluster that both of its rows (without and with a GIL) share.
 */
final class ClusterRow {

    private ClusterRow() {
    }

    /**
     * @param err where progress goes
     * @return a local cluster of one member per core, one task at a time each; null when CLUSTER's provider is missing
     */
    static LocalCluster startIfInstalled(PrintStream err) {
        boolean installed = ServiceLoader.load(StrategyProvider.class).stream()
                .anyMatch(p -> p.get().strategy() == Strategy.CLUSTER);
        if (!installed) {
            return null;
        }
        err.println("cpu: starting a local cluster for CLUSTER's rows");
        return LocalCluster.start(ClusterOptions.defaults().executorPoolSize(1));
    }

    /** {@return the strategies with CLUSTER last, once} */
    static List<Strategy> withCluster(List<Strategy> strategies) {
        List<Strategy> all = new ArrayList<>(strategies);
        all.remove(Strategy.CLUSTER);
        all.add(Strategy.CLUSTER);
        return List.copyOf(all);
    }
}
