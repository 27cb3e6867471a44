package dev.concurrency.hazelcast.internal;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import dev.concurrency.hazelcast.ClusterOptions;
import dev.concurrency.spi.ChildJvm;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster a runner starts and stops: {@code n} member JVMs on 127.0.0.1,
 * with a cluster name and port range of their own, and a client in this JVM
 * (which runs no task). The members start together; TCP-IP join on a known
 * port range lets them find each other and elect one master, and the client
 * waits until it sees all of them in one cluster.
 *
 * <pre>
 *  start(): members 1..n launched -> each ready -> client connected, sees n members
 *  close(): client shut down -> each member's stdin closed -> it halts (killed after 2 s)
 * </pre>
 * Thread-safe.
 */
public final class EmbeddedCluster implements ClusterConnection {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedCluster.class);
    /** How long the cluster may take to start. */
    private static final Duration START_LIMIT = Duration.ofSeconds(90);
    /** How often the client checks that every member has joined. */
    private static final Duration MEMBERS_CHECK = Duration.ofMillis(20);
    /** Ports beyond one per member, in case a port is taken between the check and the bind. */
    private static final int SPARE_PORTS = 2;
    /** Hazelcast's own lines at WARN and above only, when the members log through slf4j-simple. */
    private static final String QUIET_SIMPLE_LOGGER = "-Dorg.slf4j.simpleLogger.log.com.hazelcast=warn";

    private final String name;
    private final Map<Integer, MemberProcess> members = new ConcurrentHashMap<>();
    private volatile HazelcastInstance client;

    private EmbeddedCluster(String name) {
        this.name = name;
    }

    /**
     * Starts the members and connects to them.
     *
     * @param options      the runner's cluster options
     * @param threadPrefix the prefix of the names of the threads that read the members' output
     * @param onDeath      called once for a member that exits before the cluster is closed
     * @return the running cluster
     * @throws IllegalStateException naming the member and quoting its output, if one cannot start
     */
    static EmbeddedCluster start(ClusterOptions options, String threadPrefix, Consumer<MemberProcess> onDeath) {
        return startMembers(options, threadPrefix, onDeath);
    }

    /**
     * Starts a cluster that outlives runners, for {@link dev.concurrency.hazelcast.LocalCluster}: a member
     * that dies is logged, and the runners connected to the cluster see it leave.
     *
     * @param options the cluster's options (members, pool size, member JVM flags)
     * @return the running cluster
     * @throws IllegalStateException naming the member and quoting its output, if one cannot start
     */
    public static EmbeddedCluster start(ClusterOptions options) {
        return startMembers(options, "concurrency-cluster-", member -> log.warn("{} of a local cluster died", member));
    }

    private static EmbeddedCluster startMembers(ClusterOptions options, String threadPrefix,
                                                Consumer<MemberProcess> onDeath) {
        int n = options.members().orElse(Runtime.getRuntime().availableProcessors());
        int pool = options.executorPoolSize().orElse(Runtime.getRuntime().availableProcessors());
        EmbeddedCluster cluster = new EmbeddedCluster("concurrency-" + UUID.randomUUID());
        PortRange ports = PortRange.find(n + SPARE_PORTS);
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        long started = System.nanoTime();
        try {
            List<String> flags = new ArrayList<>(HazelcastFlags.forMembers());
            flags.add(QUIET_SIMPLE_LOGGER);
            flags.addAll(options.memberJvmFlags());
            List<MemberProcess> launched = new ArrayList<>();
            for (int id = 1; id <= n; id++) {
                launched.add(cluster.launch(id, flags, ports, pool, threadPrefix, onDeath));
            }
            for (MemberProcess member : launched) {
                member.awaitReady(deadline);
            }
            cluster.client = HazelcastClient.newHazelcastClient(Configs.client(cluster.name,
                    launched.stream().map(MemberProcess::port).toList()));
            cluster.awaitMembers(n, deadline);
        } catch (InterruptedException e) {
            cluster.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("CLUSTER was interrupted while starting its members", e);
        } catch (IOException | RuntimeException | Error e) {
            cluster.close();
            if (e instanceof IllegalStateException state && state.getMessage().startsWith("CLUSTER")) {
                throw state;
            }
            throw new IllegalStateException("CLUSTER could not start its cluster: " + e, e);
        }
        log.debug("cluster {} of {} members on 127.0.0.1:{}-{} ready in {} ms", cluster.name, n, ports.first(),
                ports.first() + ports.count() - 1, (System.nanoTime() - started) / 1_000_000);
        return cluster;
    }

    private MemberProcess launch(int id, List<String> flags, PortRange ports, int pool, String threadPrefix,
                                 Consumer<MemberProcess> onDeath) throws IOException {
        List<String> command = ChildJvm.command(flags, Optional.empty(), MemberMain.class,
                List.of(HazelcastInstance.class, org.slf4j.LoggerFactory.class),
                List.of(name, Integer.toString(ports.first()), Integer.toString(ports.count()),
                        Integer.toString(pool), Integer.toString(id)));
        MemberProcess member = MemberProcess.launch(id, command, threadPrefix, onDeath);
        members.put(id, member);
        return member;
    }

    private void awaitMembers(int n, long deadline) throws InterruptedException {
        while (client.getCluster().getMembers().size() < n) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("CLUSTER started " + n + " members, but the client sees only "
                        + client.getCluster().getMembers() + " after " + START_LIMIT.toSeconds() + " s");
            }
            Thread.sleep(MEMBERS_CHECK);
        }
    }

    /** {@return the client of this JVM, connected to every member} */
    @Override
    public HazelcastInstance instance() {
        return client;
    }

    @Override
    public Optional<MemberProcess> process(Member member) {
        String id = member.getAttribute(Names.MEMBER_ID);
        return id == null ? Optional.empty() : Optional.ofNullable(members.get(Integer.parseInt(id)));
    }

    @Override
    public int liveThreads() {
        return members.values().stream().mapToInt(MemberProcess::liveThreads).sum();
    }

    /** Shuts the client down, then stops every member (closing its standard input; killed after a grace). */
    @Override
    public void close() {
        HazelcastInstance c = client;
        if (c != null) {
            try {
                c.shutdown();
            } catch (RuntimeException e) {
                log.warn("cluster {}: the client did not shut down cleanly: {}", name, e.toString());
            }
        }
        for (MemberProcess member : members.values()) {
            member.close();
        }
    }
}
