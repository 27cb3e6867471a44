package dev.concurrency.hazelcast;

import static dev.concurrency.hazelcast.ClusterTesting.LONG;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Cluster;
import com.hazelcast.core.HazelcastInstance;
import dev.concurrency.Concurrency;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Runner;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.hazelcast.internal.MemberMain;
import dev.concurrency.spi.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CLUSTER against a cluster it did not start: the test starts two member JVMs
 * itself (plain Hazelcast members with this library on their class path) and
 * the runner connects to them with a client configuration, then through a
 * client of the test's own; closing the runner leaves the members and that
 * client running, without the membership listener the runner added to it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExistingClusterTest {

    private static final int MEMBERS = 2;
    private static final int PORTS = 4;

    @Test
    void runsOnTheMembersOfAClusterStartedSeparatelyAndLeavesThemRunning() throws Exception {
        String name = "separate-" + UUID.randomUUID();
        int port = ThreadLocalRandom.current().nextInt(40_000, 50_000);
        List<Process> members = new ArrayList<>();
        try {
            for (int id = 1; id <= MEMBERS; id++) {
                members.add(startMember(name, port, id));
            }
            for (Process member : members) {
                awaitReady(member);
            }
            ClientConfig client = new ClientConfig();
            client.setClusterName(name);
            client.setProperty("hazelcast.logging.type", "slf4j");
            for (int p = port; p < port + PORTS; p++) {
                client.getNetworkConfig().addAddress("127.0.0.1:" + p);
            }
            List<Long> pids = members.stream().map(Process::pid).toList();

            try (Runner runner = Concurrency.open(RunOptions.of(Strategy.CLUSTER)
                    .with(ClusterOptions.defaults().members(MEMBERS).executorPoolSize(1).connect(client)))) {
                List<Task<Long>> tasks = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    tasks.add(ctx -> ProcessHandle.current().pid());
                }
                Results<Long> results = runner.run(tasks);

                assertThat(results.values()).allMatch(pids::contains);
                assertThat(ClusterTesting.memberPids(results.stats())).containsExactlyInAnyOrderElementsOf(pids);
            }

            assertThat(members).allMatch(Process::isAlive);
            ClusterTesting.assertNoClusterThreadLeft();

            HazelcastInstance own = HazelcastClient.newHazelcastClient(client);
            try {
                Set<UUID> listeners = ConcurrentHashMap.newKeySet();
                try (Runner runner = Concurrency.open(RunOptions.of(Strategy.CLUSTER).with(ClusterOptions.defaults()
                        .members(MEMBERS).executorPoolSize(1).connect(countingListeners(own, listeners))))) {
                    assertThat(runner.run(List.<Task<Long>>of(ctx -> ProcessHandle.current().pid())).values())
                            .allMatch(pids::contains);
                    assertThat(listeners).as("the runner's membership listener on the caller's instance").hasSize(1);
                }
                assertThat(own.getLifecycleService().isRunning()).as("the caller's own client is left running").isTrue();
                assertThat(listeners).as("membership listeners the closed runner left on the caller's instance")
                        .isEmpty();
            } finally {
                own.shutdown();
            }
            ClusterTesting.assertNoClusterThreadLeft();
        } finally {
            for (Process member : members) {
                member.getOutputStream().close(); // a member halts when its standard input ends
            }
            for (Process member : members) {
                if (!member.waitFor(LONG.toMillis(), TimeUnit.MILLISECONDS)) {
                    member.destroyForcibly();
                }
            }
        }
    }

    /**
     * {@return {@code instance}, seen through a cluster that keeps {@code registered} up to date: the ids of the
     * membership listeners added through it and not yet removed}
     */
    private static HazelcastInstance countingListeners(HazelcastInstance instance, Set<UUID> registered) {
        Cluster cluster = instance.getCluster();
        Cluster counting = (Cluster) Proxy.newProxyInstance(Cluster.class.getClassLoader(),
                new Class<?>[] {Cluster.class}, (proxy, method, args) -> {
                    Object result = invoke(cluster, method, args);
                    if (method.getName().equals("addMembershipListener")) {
                        registered.add((UUID) result);
                    } else if (method.getName().equals("removeMembershipListener") && Boolean.TRUE.equals(result)) {
                        registered.remove((UUID) args[0]);
                    }
                    return result;
                });
        return (HazelcastInstance) Proxy.newProxyInstance(HazelcastInstance.class.getClassLoader(),
                new Class<?>[] {HazelcastInstance.class}, (proxy, method, args) ->
                        method.getName().equals("getCluster") ? counting : invoke(instance, method, args));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Process startMember(String cluster, int port, int id) throws IOException {
        List<String> command = ChildJvm.command(ClusterTesting.QUICK_START, Optional.empty(), MemberMain.class, List.of(),
                List.of(cluster, Integer.toString(port), Integer.toString(PORTS), "1", Integer.toString(id)));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void awaitReady(Process member) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(member.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).as("member pid %d's first line", member.pid()).startsWith("concurrency-member-ready");
    }
}
