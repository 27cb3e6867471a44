package dev.concurrency.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.executor.LocalExecutorStats;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.testkit.StrategyFixture;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contract suite's fixture for CLUSTER (installed through
 * {@code META-INF/services/dev.concurrency.testkit.StrategyFixture}): one
 * {@link LocalCluster} of {@value #MEMBERS} member JVMs for the whole test JVM,
 * started when a test plan of the suite begins (so that no test's time limit
 * pays for its start; {@link SharedClusterSession}), else on the first CLUSTER
 * run that asks for it, to which every CLUSTER
 * run of the suite attaches (options without {@link ClusterOptions} of their
 * own get {@link LocalCluster#options()}). It serves only when the system
 * property {@value #PROPERTY} is {@code true} (the build's {@code contract-suite}
 * execution): this module's own tests start the clusters they are about.
 *
 * <p>{@link SharedClusterSession} closes it when the JUnit launcher session
 * ends, checking first that no task of the suite still runs on a member (one
 * cancelled or timed out must have stopped there), then that its members exited. Its member JVMs and the threads
 * that read their output are {@linkplain #owns kept} for every run, not a run's
 * leftovers. Thread-safe.
 */
public final class SharedCluster implements StrategyFixture {

    /** The system property that turns the shared cluster on. */
    static final String PROPERTY = "concurrency.sharedCluster";
    /** Member JVMs: two, the fewest that show tasks spread over several JVMs. */
    static final int MEMBERS = 2;
    /**
     * Each member's pool size: members &times; pool = 16 tasks at once, above the contract's largest
     * {@code maxConcurrency} (4) and its largest group of tasks that must run together, with room for
     * the hanging tasks of a run that timed out for the caller and have yet to hear of it on their member
     * (they keep a member's thread until then, and the next run's tasks would queue behind them, their
     * timeout running).
     */
    static final int POOL = 8;
    /** The executor the library's members run tasks on (and these checks, on each member). */
    private static final String EXECUTOR = "concurrency";
    /** The prefix of the threads a {@link LocalCluster} reads its members' output on. */
    private static final String READER_PREFIX = "concurrency-cluster-member-";

    private static final Logger log = LoggerFactory.getLogger(SharedCluster.class);
    /** The one cluster of this JVM, once started; guarded by {@code SharedCluster.class}. */
    private static Started started;
    /** Whether it was closed: no cluster starts after that. */
    private static boolean closed;
    /** Why it could not start, if it could not: every CLUSTER run then fails with it rather than retry. */
    private static RuntimeException failed;

    /** Found through {@link java.util.ServiceLoader}. */
    public SharedCluster() {
    }

    /** A started cluster, its members' pids, and the name its client's threads start with. */
    private record Started(LocalCluster cluster, Set<Long> pids, String clientThreads) {
    }

    @Override
    public RunOptions adapt(RunOptions options) {
        if (options.strategy() != Strategy.CLUSTER || !Boolean.getBoolean(PROPERTY)
                || options.option(ClusterOptions.class).isPresent()) {
            return options;
        }
        return options.with(cluster().cluster().options());
    }

    /** The threads that read the members' output, and those of the cluster's Hazelcast client. */
    @Override
    public boolean owns(Thread thread) {
        Started s = current();
        return s != null && (thread.getName().startsWith(READER_PREFIX)
                || thread.getName().startsWith(s.clientThreads()));
    }

    @Override
    public boolean owns(ProcessHandle process) {
        Started s = current();
        return s != null && s.pids().contains(process.pid());
    }

    /** Starts the cluster now if this JVM's runs use it ({@value #PROPERTY}); a failure is kept for the runs. */
    static void startIfUsed() {
        if (Boolean.getBoolean(PROPERTY)) {
            try {
                cluster();
            } catch (RuntimeException e) {
                log.error("the shared cluster could not start; every CLUSTER run of the suite fails with: {}",
                        e.toString());
            }
        }
    }

    private static synchronized Started current() {
        return started;
    }

    private static synchronized Started cluster() {
        if (closed) {
            throw new IllegalStateException("the shared cluster was closed: the test JVM's launcher session ended");
        }
        if (failed != null) {
            throw new IllegalStateException("the shared cluster could not start: " + failed, failed);
        }
        if (started == null) {
            long begin = System.nanoTime();
            LocalCluster cluster;
            try {
                cluster = LocalCluster.start(ClusterTesting.options(MEMBERS, POOL));
            } catch (RuntimeException e) {
                failed = e;
                throw e;
            }
            try {
                HazelcastInstance client = cluster.options().instance().orElseThrow();
                Set<Long> pids = memberPids(client);
                started = new Started(cluster, pids, client.getName() + ".");
                log.info("shared cluster of {} members (pids {}) started in {} ms", MEMBERS, pids,
                        (System.nanoTime() - begin) / 1_000_000);
            } catch (RuntimeException e) {
                cluster.close();
                failed = e;
                throw e;
            } catch (Error e) {
                cluster.close();
                throw e;
            }
        }
        return started;
    }

    /** {@return the pids of the cluster's members, each asked through the cluster's executor} */
    private static Set<Long> memberPids(HazelcastInstance client) {
        Map<?, Future<Long>> answers = client.getExecutorService(EXECUTOR).submitToAllMembers(new Pid());
        try {
            Set<Long> pids = new java.util.HashSet<>();
            for (Future<Long> answer : answers.values()) {
                pids.add(answer.get(ClusterTesting.LONG.toMillis(), TimeUnit.MILLISECONDS));
            }
            if (pids.size() != MEMBERS) {
                throw new IllegalStateException("shared cluster: members answered with pids " + pids
                        + " (expected: " + MEMBERS + ")");
            }
            return Set.copyOf(pids);
        } catch (Exception e) {
            throw new IllegalStateException("shared cluster: could not learn its members' pids: " + e, e);
        }
    }

    /**
     * Closes the cluster, if one was started, and waits for its members to exit; no cluster starts after this.
     *
     * @return the pids of the members it stopped (empty if none was started)
     * @throws Exception if a task still ran on a member, or a member is still alive, after {@link ClusterTesting#LONG}
     */
    static List<Long> close() throws Exception {
        Started s;
        synchronized (SharedCluster.class) {
            closed = true;
            s = started;
            started = null;
        }
        if (s == null) {
            return List.of();
        }
        try {
            assertIdle(s.cluster().options().instance().orElseThrow());
        } finally {
            s.cluster().close();
        }
        List<Long> pids = s.pids().stream().sorted().toList();
        ClusterTesting.assertExited(pids);
        log.info("shared cluster closed; members {} exited", pids);
        return pids;
    }

    /**
     * Asserts that no task of the suite still runs on a member, waiting for each at most
     * {@link ClusterTesting#LONG}: a task the suite cancelled or timed out must have stopped on its member,
     * not kept a thread of the shared pool.
     */
    private static void assertIdle(HazelcastInstance client) throws Exception {
        Map<Member, Long> running = Map.of();
        boolean idle = ClusterTesting.awaitCondition(() -> runningTasks(client).values().stream().allMatch(n -> n == 0));
        if (!idle) {
            running = runningTasks(client);
        }
        org.assertj.core.api.Assertions.assertThat(idle).as("tasks still running on the shared cluster's members "
                + "at the end of the suite: %s", running).isTrue();
    }

    private static Map<Member, Long> runningTasks(HazelcastInstance client) {
        Map<Member, Future<Long>> answers = client.getExecutorService(EXECUTOR).submitToAllMembers(new Running());
        Map<Member, Long> running = new java.util.HashMap<>();
        for (Map.Entry<Member, Future<Long>> answer : answers.entrySet()) {
            try {
                running.put(answer.getKey(), answer.getValue().get(ClusterTesting.LONG.toMillis(), TimeUnit.MILLISECONDS));
            } catch (Exception e) {
                throw new IllegalStateException("shared cluster: member " + answer.getKey() + " did not answer: " + e, e);
            }
        }
        return running;
    }

    /** What a member answers: how many tasks of its executor run now, besides this one. */
    private static final class Running implements Callable<Long>, Serializable, HazelcastInstanceAware {
        private static final long serialVersionUID = 1L;
        private transient HazelcastInstance member;

        @Override
        public void setHazelcastInstance(HazelcastInstance instance) {
            this.member = instance;
        }

        @Override
        public Long call() {
            LocalExecutorStats stats = member.getExecutorService(EXECUTOR).getLocalExecutorStats();
            return stats.getStartedTaskCount() - stats.getCompletedTaskCount() - 1;
        }
    }

    /** What a member answers: its pid. Runs on the member, which has this module's test classes. */
    private static final class Pid implements Callable<Long>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Long call() {
            return ProcessHandle.current().pid();
        }
    }

    @Override
    public String toString() {
        Started s = current();
        return "SharedCluster[" + (s == null ? "not started" : "members " + s.pids().stream().sorted()
                .map(String::valueOf).collect(Collectors.joining(", "))) + "]";
    }
}
