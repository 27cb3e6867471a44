package dev.concurrency.hazelcast.internal;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import dev.concurrency.hazelcast.ClusterOptions;
import java.util.Optional;

/**
 * A cluster this runner did not start: reached through a client it starts from
 * the user's configuration (and shuts down on close), or through the user's
 * own instance (left running). Thread-safe.
 */
final class ExistingCluster implements ClusterConnection {

    private final HazelcastInstance instance;
    private final boolean ownsInstance;

    private ExistingCluster(HazelcastInstance instance, boolean ownsInstance) {
        this.instance = instance;
        this.ownsInstance = ownsInstance;
    }

    /**
     * @param options options with {@code connect(...)} set
     * @return the connection
     * @throws IllegalStateException naming the cluster, if the client cannot connect
     */
    static ExistingCluster connect(ClusterOptions options) {
        if (options.instance().isPresent()) {
            return new ExistingCluster(options.instance().get(), false);
        }
        var config = options.clientConfig().orElseThrow();
        try {
            return new ExistingCluster(HazelcastClient.newHazelcastClient(config), true);
        } catch (RuntimeException e) {
            throw new IllegalStateException("CLUSTER could not connect to the cluster '" + config.getClusterName()
                    + "' at " + config.getNetworkConfig().getAddresses() + ": " + e
                    + "; check that its members run and that the client configuration names them", e);
        }
    }

    @Override
    public HazelcastInstance instance() {
        return instance;
    }

    @Override
    public Optional<MemberProcess> process(Member member) {
        return Optional.empty();
    }

    @Override
    public int liveThreads() {
        return 0;
    }

    @Override
    public void close() {
        if (ownsInstance) {
            instance.shutdown();
        }
    }
}
