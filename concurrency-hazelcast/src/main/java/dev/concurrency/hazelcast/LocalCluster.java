package dev.concurrency.hazelcast;

import dev.concurrency.hazelcast.internal.EmbeddedCluster;
import java.util.Objects;

/**
 * An embedded cluster that outlives runners: member JVMs on 127.0.0.1,
 * started as a {@link dev.concurrency.Strategy#CLUSTER} runner starts its own,
 * kept until this is closed. Runners attach to it with {@link #options()},
 * so several runs (with and without a GIL, say) share one cluster instead of
 * each starting and stopping theirs.
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.start(ClusterOptions.defaults().members(2))) {
 *     Results<Long> r = Concurrency.run(tasks, RunOptions.of(Strategy.CLUSTER).with(cluster.options()));
 *     Results<Long> g = Concurrency.run(tasks, RunOptions.of(Strategy.CLUSTER).with(cluster.options())
 *             .gil(Gil.python3()));
 * }
 * }</pre>
 *
 * <p>Thread-safe. Closing it stops every member; runners still attached then lose their members.
 */
public final class LocalCluster implements AutoCloseable {

    private final EmbeddedCluster cluster;
    private final ClusterOptions options;

    private LocalCluster(EmbeddedCluster cluster, ClusterOptions options) {
        this.cluster = cluster;
        this.options = options;
    }

    /**
     * Starts the members and connects to them; returns once every member has joined.
     *
     * @param options how many members, their pool size and JVM flags, and whether runners deliver at least once
     * @return the running cluster
     * @throws IllegalArgumentException if {@code options} connect to an existing cluster
     * @throws IllegalStateException    naming the member and quoting its output, if one cannot start
     */
    public static LocalCluster start(ClusterOptions options) {
        Objects.requireNonNull(options, "options is null");
        if (!options.isEmbedded()) {
            throw new IllegalArgumentException("options: " + options.settings()
                    + " (expected: no connect(...); a LocalCluster starts its own members)");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        ClusterOptions sized = options.members(options.members().orElse(cores))
                .executorPoolSize(options.executorPoolSize().orElse(cores));
        EmbeddedCluster cluster = EmbeddedCluster.start(sized);
        return new LocalCluster(cluster, sized.connect(cluster.instance()));
    }

    /** {@return options that attach a runner to this cluster: its members and pool size, through its client} */
    public ClusterOptions options() {
        return options;
    }

    /** Stops every member and the client; idempotent. */
    @Override
    public void close() {
        cluster.close();
    }
}
