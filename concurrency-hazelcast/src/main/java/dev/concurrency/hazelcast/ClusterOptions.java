package dev.concurrency.hazelcast;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import dev.concurrency.StrategyOptions;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.StringJoiner;

/**
 * Settings of {@link dev.concurrency.Strategy#CLUSTER}, attached with
 * {@link dev.concurrency.RunOptions#with(StrategyOptions)}. By default a
 * runner starts its own cluster: {@link #members(int)} member JVMs on
 * 127.0.0.1, started from this JVM's {@code java}, class path and flags, with a
 * cluster name and port range of their own, and stops it when it closes.
 * {@link #connect(ClientConfig)} or {@link #connect(HazelcastInstance)} use an
 * existing cluster instead, whose members must have the tasks' classes on
 * their class path (this library never ships code to them).
 *
 * <p>Delivery is at most once: each task is sent to one member, chosen by the
 * library; a member that dies fails only its task, with a
 * {@link MemberLostException}. {@link #durable()} makes it at least once: a task
 * whose member died runs again on another, so such tasks must be idempotent.
 *
 * <pre>{@code
 * RunOptions options = RunOptions.of(Strategy.CLUSTER)
 *         .with(ClusterOptions.defaults().members(3).executorPoolSize(2));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ClusterOptions implements StrategyOptions {

    private static final ClusterOptions DEFAULTS = new ClusterOptions(0, 0, false, List.of(), null, null);

    private final int members;
    private final int executorPoolSize;
    private final boolean durable;
    private final List<String> memberJvmFlags;
    /** {@code null} unless connecting with a client configuration. */
    private final ClientConfig clientConfig;
    /** {@code null} unless connecting through an instance the user owns. */
    private final HazelcastInstance instance;

    private ClusterOptions(int members, int executorPoolSize, boolean durable, List<String> memberJvmFlags,
                           ClientConfig clientConfig, HazelcastInstance instance) {
        this.members = members;
        this.executorPoolSize = executorPoolSize;
        this.durable = durable;
        this.memberJvmFlags = memberJvmFlags;
        this.clientConfig = clientConfig;
        this.instance = instance;
    }

    /** {@return the defaults: an embedded cluster of one member per available processor, each running one task per core, at most once} */
    public static ClusterOptions defaults() {
        return DEFAULTS;
    }

    /**
     * How many member JVMs an embedded cluster has; by default one per
     * available processor. When connecting to an existing cluster, how many
     * members it is expected to have, which sizes the admission bound.
     *
     * @param members the number of members, {@code > 0}
     * @return new options
     * @throws IllegalArgumentException if {@code members <= 0}
     */
    public ClusterOptions members(int members) {
        if (members <= 0) {
            throw new IllegalArgumentException("members: " + members + " (expected: > 0)");
        }
        return new ClusterOptions(members, executorPoolSize, durable, memberJvmFlags, clientConfig, instance);
    }

    /**
     * How many tasks each member runs at once (the pool size of its executor);
     * by default one per available processor. Members &times; pool size is
     * how many tasks run at once. When connecting to an existing cluster, say
     * what its members' executor {@code "concurrency"} is configured with.
     *
     * @param threads the pool size, {@code > 0}
     * @return new options
     * @throws IllegalArgumentException if {@code threads <= 0}
     */
    public ClusterOptions executorPoolSize(int threads) {
        if (threads <= 0) {
            throw new IllegalArgumentException("executorPoolSize: " + threads + " (expected: > 0)");
        }
        return new ClusterOptions(members, threads, durable, memberJvmFlags, clientConfig, instance);
    }

    /**
     * At-least-once delivery through Hazelcast's durable executor: a task is
     * kept, with a backup, by the member owning its partition, and runs again on
     * another member if that one dies before it ends. Tasks must then be
     * idempotent: one may run twice. {@link dev.concurrency.Stats#reruns()} counts
     * the tasks that did (each run records itself in a cluster map, so a run on a
     * second member knows it is not the first), and the log names them.
     *
     * @return new options
     */
    public ClusterOptions durable() {
        return new ClusterOptions(members, executorPoolSize, true, memberJvmFlags, clientConfig, instance);
    }

    /**
     * JVM options for an embedded cluster's member JVMs, after the ones they
     * take from this JVM and the ones Hazelcast needs, so these win; for example
     * {@code "-Xmx512m"}. A member that cannot start fails the runner's opening
     * with its exit status and its standard error.
     *
     * @param flags the options, none null or blank
     * @return new options
     * @throws IllegalArgumentException naming the first null or blank flag
     */
    public ClusterOptions memberJvmFlags(String... flags) {
        Objects.requireNonNull(flags, "flags is null");
        for (int i = 0; i < flags.length; i++) {
            if (flags[i] == null || flags[i].isBlank()) {
                throw new IllegalArgumentException("memberJvmFlags[" + i + "]: '" + flags[i]
                        + "' (expected: a JVM option such as -Xmx512m)");
            }
        }
        return new ClusterOptions(members, executorPoolSize, durable, List.of(flags), clientConfig, instance);
    }

    /**
     * Runs the tasks on an existing cluster, through a client this library
     * starts with {@code config} and shuts down when the runner closes. The
     * members must have this library and the tasks' classes on their class path.
     *
     * @param config the client's configuration (its cluster name and addresses)
     * @return new options
     */
    public ClusterOptions connect(ClientConfig config) {
        Objects.requireNonNull(config, "config is null");
        return new ClusterOptions(members, executorPoolSize, durable, memberJvmFlags, config, null);
    }

    /**
     * Runs the tasks on the cluster of an instance the caller owns (a client, or
     * a member of its own), which the runner uses and never shuts down. The
     * members must have this library and the tasks' classes on their class path.
     *
     * @param instance a running client or member
     * @return new options
     */
    public ClusterOptions connect(HazelcastInstance instance) {
        Objects.requireNonNull(instance, "instance is null");
        return new ClusterOptions(members, executorPoolSize, durable, memberJvmFlags, null, instance);
    }

    /** {@return the number of members, if set; empty means one per available processor} */
    public OptionalInt members() {
        return members == 0 ? OptionalInt.empty() : OptionalInt.of(members);
    }

    /** {@return each member's pool size, if set; empty means one per available processor} */
    public OptionalInt executorPoolSize() {
        return executorPoolSize == 0 ? OptionalInt.empty() : OptionalInt.of(executorPoolSize);
    }

    /** {@return whether delivery is at least once ({@link #durable()}) rather than at most once} */
    public boolean isDurable() {
        return durable;
    }

    /** {@return the extra JVM options of an embedded cluster's members} */
    public List<String> memberJvmFlags() {
        return memberJvmFlags;
    }

    /** {@return the client configuration to connect with, if set with {@link #connect(ClientConfig)}} */
    public Optional<ClientConfig> clientConfig() {
        return Optional.ofNullable(clientConfig);
    }

    /** {@return the caller's instance to run through, if set with {@link #connect(HazelcastInstance)}} */
    public Optional<HazelcastInstance> instance() {
        return Optional.ofNullable(instance);
    }

    /** {@return whether the runner starts its own cluster, rather than connecting to an existing one} */
    public boolean isEmbedded() {
        return clientConfig == null && instance == null;
    }

    @Override
    public String settings() {
        StringJoiner s = new StringJoiner(", ");
        if (members != 0) s.add("members(" + members + ")");
        if (executorPoolSize != 0) s.add("executorPoolSize(" + executorPoolSize + ")");
        if (durable) s.add("durable()");
        if (!memberJvmFlags.isEmpty()) s.add("memberJvmFlags(" + String.join(", ", memberJvmFlags) + ")");
        if (clientConfig != null) s.add("connect(client of cluster '" + clientConfig.getClusterName() + "')");
        if (instance != null) s.add("connect(" + instance.getName() + ")");
        return s.length() == 0 ? "ClusterOptions.defaults()" : s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterOptions other && members == other.members
                && executorPoolSize == other.executorPoolSize && durable == other.durable
                && memberJvmFlags.equals(other.memberJvmFlags) && clientConfig == other.clientConfig
                && instance == other.instance;
    }

    @Override
    public int hashCode() {
        return Objects.hash(members, executorPoolSize, durable, memberJvmFlags,
                System.identityHashCode(clientConfig), System.identityHashCode(instance));
    }

    @Override
    public String toString() {
        return "ClusterOptions[" + settings() + "]";
    }
}
