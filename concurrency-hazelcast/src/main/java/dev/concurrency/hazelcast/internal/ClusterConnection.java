package dev.concurrency.hazelcast.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import java.util.Optional;

/**
 * Where a runner's tasks go: an {@link EmbeddedCluster} the runner started, or
 * an {@link ExistingCluster} it connects to. Thread-safe.
 */
interface ClusterConnection {

    /** {@return the instance this JVM submits through (a client, or the caller's own instance)} */
    HazelcastInstance instance();

    /**
     * @param member a member of the cluster
     * @return its JVM, if this runner started it
     */
    Optional<MemberProcess> process(Member member);

    /** {@return how many threads of this connection's own (not Hazelcast's) are alive} */
    int liveThreads();

    /** Lets go of the cluster: stops what this runner started, and only that. Idempotent. */
    void close();
}
