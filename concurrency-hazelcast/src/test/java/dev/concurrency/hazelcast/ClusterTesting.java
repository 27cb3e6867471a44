package dev.concurrency.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.RunOptions;
import dev.concurrency.Runner;
import dev.concurrency.Stats;
import dev.concurrency.Strategy;
import dev.concurrency.WorkerStats;
import dev.concurrency.testkit.Gate;
import dev.concurrency.testkit.SharedCounters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** What the CLUSTER tests share: sizes, waits and the "nothing left" checks. */
final class ClusterTesting {

    /** The longest any one wait of a test may take on a loaded two-core machine. */
    static final Duration LONG = Duration.ofSeconds(60);
    /** The inode's column in {@code /proc/net/tcp} and its siblings. */
    private static final int INODE_FIELD = 9;
    /** How often a condition another process changes is checked. */
    private static final Duration POLL = Duration.ofMillis(20);

    private ClusterTesting() {
    }

    /**
     * Member JVM flags that halve a member's start on two busy cores (C1 only, the serial collector): the
     * tests start several clusters, and measure nothing.
     */
    static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /** {@return options for a small embedded cluster: {@code members} member JVMs, {@code pool} threads each} */
    static RunOptions cluster(int members, int pool) {
        return RunOptions.of(Strategy.CLUSTER).with(options(members, pool));
    }

    /** {@return cluster options for {@code members} member JVMs, {@code pool} threads each, quick to start} */
    static ClusterOptions options(int members, int pool) {
        return ClusterOptions.defaults().members(members).executorPoolSize(pool)
                .memberJvmFlags(QUICK_START.toArray(String[]::new));
    }

    /** {@return the member pids a run's figures name} */
    static List<Long> memberPids(Stats stats) {
        return stats.workers().stream().map(WorkerStats::pid).toList();
    }

    /**
     * Waits until a condition that another process changes holds.
     *
     * @return whether it held within {@link #LONG}
     */
    static boolean awaitCondition(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(POLL);
        }
        return true;
    }

    /**
     * Asserts that cancelling a task that checkpoints on a member reaches it there: it ends cancelled for the
     * caller at once, and its next checkpoint on the member throws.
     */
    static void assertCancellationReachesTheMember(Runner runner) throws Exception {
        try (Gate started = Gate.start(); SharedCounters noticed = new SharedCounters(1)) {
            CompletableFuture<String> future = runner.submit(ctx -> {
                started.arrive(ctx);
                try {
                    while (true) {
                        ctx.checkpoint();
                    }
                } catch (InterruptedException | CancellationException e) {
                    noticed.incrementAndGet(0);
                    throw e;
                }
            });
            assertThat(started.awaitArrivals(1, LONG)).isTrue();

            future.cancel(true);

            assertThat(future).isCancelled();
            assertThat(awaitCondition(() -> noticed.get(0) == 1)).as("the member's task noticed").isTrue();
        }
    }

    /** Asserts that each process has exited, waiting for each at most {@link #LONG}. */
    static void assertExited(List<Long> pids) throws Exception {
        for (long pid : pids) {
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isPresent()) {
                process.get().onExit().get(LONG.toMillis(), TimeUnit.MILLISECONDS);
            }
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("member pid %d", pid)
                    .isNotEqualTo(Optional.of(true));
        }
    }

    /**
     * {@return this JVM's open TCP and UDP sockets, as their inodes: those of {@code /proc/self/fd} that
     * {@code /proc/self/net/{tcp,tcp6,udp,udp6}} list (Linux, where the build runs)}
     *
     * @throws IOException if {@code /proc} cannot be read
     */
    static Set<String> openInetSockets() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    if (link.startsWith("socket:[")) {
                        inodes.add(link.substring("socket:[".length(), link.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile (the listing's own descriptor, say)
                }
            }
        }
        Set<String> inet = new HashSet<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            for (String line : Files.readAllLines(Path.of("/proc/self/net", table)).stream().skip(1).toList()) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > INODE_FIELD && inodes.contains(fields[INODE_FIELD])) {
                    inet.add(fields[INODE_FIELD]);
                }
            }
        }
        return inet;
    }

    /** Asserts that no Hazelcast thread and no member-output reader of this library is left in this JVM. */
    static void assertNoClusterThreadLeft() throws InterruptedException {
        assertThat(awaitCondition(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(ClusterTesting::isClusterThread)))
                .as("threads left: %s", Thread.getAllStackTraces().keySet().stream()
                        .filter(ClusterTesting::isClusterThread).map(Thread::getName).toList())
                .isTrue();
    }

    private static boolean isClusterThread(Thread t) {
        return t.isAlive() && (t.getName().startsWith("hz.") || t.getName().contains("concurrency-")
                && (t.getName().contains("-member-") || t.getName().endsWith("cluster-close")));
    }
}
