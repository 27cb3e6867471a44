package dev.concurrency.hazelcast;

import static dev.concurrency.hazelcast.ClusterTesting.LONG;
import static dev.concurrency.hazelcast.ClusterTesting.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concurrency.Concurrency;
import dev.concurrency.Outcome;
import dev.concurrency.RemoteStackTrace;
import dev.concurrency.Results;
import dev.concurrency.Runner;
import dev.concurrency.Task;
import dev.concurrency.WorkerStats;
import dev.concurrency.testkit.Gate;
import dev.concurrency.testkit.SharedCounters;
import java.io.NotSerializableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CLUSTER on one embedded cluster of two member JVMs, shared by every test of
 * the class (a cluster takes seconds to start); closing it at the end must
 * leave no member JVM and no Hazelcast thread.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterRunnerTest {

    /** The runner's task timeout: long for a trivial task, short for a test to wait out. */
    private static final Duration TASK_TIMEOUT = Duration.ofSeconds(4);

    private static Runner runner;
    private static final List<Long> members = new ArrayList<>();
    private static Set<String> socketsBefore;

    @BeforeAll
    static void openCluster() throws Exception {
        socketsBefore = ClusterTesting.openInetSockets();
        runner = Concurrency.open(ClusterTesting.cluster(2, 2).taskTimeout(TASK_TIMEOUT));
        assertThat(ClusterTesting.openInetSockets()).as("the client's connections to the members")
                .hasSizeGreaterThanOrEqualTo(socketsBefore.size() + 2);
    }

    @AfterAll
    static void closingLeavesNoMemberNoHazelcastThreadAndNoSocket() throws Exception {
        if (members.isEmpty()) {
            members.addAll(ClusterTesting.memberPids(runner.run(List.<Task<Integer>>of(ctx -> 1)).stats()));
        }
        runner.close();
        assertThat(members).hasSize(2);
        ClusterTesting.assertExited(members);
        ClusterTesting.assertNoClusterThreadLeft();
        assertThat(ClusterTesting.openInetSockets()).as("TCP and UDP sockets of this JVM")
                .isSubsetOf(socketsBefore);
    }

    @Test
    void tasksRunInTheMemberJvmsAndComeBackInInputOrder() {
        long here = ProcessHandle.current().pid();
        List<Task<long[]>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int index = i;
            tasks.add(ctx -> new long[] {index, ProcessHandle.current().pid()});
        }

        Results<long[]> results = runner.run(tasks);

        List<long[]> values = results.values();
        assertThat(values).extracting(v -> v[0]).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
        List<Long> pids = ClusterTesting.memberPids(results.stats());
        assertThat(pids).hasSize(2).doesNotContain(here);
        assertThat(values).extracting(v -> v[1]).allMatch(pids::contains);
        assertThat(results.stats().workers()).allSatisfy(w -> {
            assertThat(w.startupTime()).isPositive();
            assertThat(w.residentBytes()).isPresent();
        });
        assertThat(results.stats().workers().stream().mapToLong(WorkerStats::tasks).sum()).isGreaterThanOrEqualTo(8);
        assertThat(results.stats().cpuTime()).isPositive();
        synchronized (members) {
            if (members.isEmpty()) {
                members.addAll(pids);
            }
        }
    }

    @Test
    void anExceptionComesBackWithItsClassMessageAndTheMembersStack() {
        Results<Integer> results = runner.run(List.of(ctx -> 1, ctx -> {
            throw new IllegalArgumentException("bad input " + 42);
        }));

        assertThat(results.outcomes().get(0)).isEqualTo(new Outcome.Success<>(1));
        Throwable error = ((Outcome.Failure<Integer>) results.outcomes().get(1)).error();
        assertThat(error).isInstanceOf(IllegalArgumentException.class).hasMessage("bad input 42");
        Throwable where = error.getCause() != null ? error.getCause() : error.getSuppressed()[0];
        assertThat(where).isInstanceOf(RemoteStackTrace.class).hasMessageContaining("member");
    }

    @Test
    void aTaskThatCannotBeSerializedFailsAloneNamingTheClass() {
        Object notSerializable = new Thread("not serializable");
        Results<String> results = runner.run(List.of(ctx -> "fine", ctx -> notSerializable.toString()));

        assertThat(results.outcomes().get(0)).isEqualTo(new Outcome.Success<>("fine"));
        assertThat(((Outcome.Failure<String>) results.outcomes().get(1)).error())
                .isInstanceOf(NotSerializableException.class)
                .hasMessageContaining("tasks[1]").hasMessageContaining("java.lang.Thread")
                .hasMessageContaining("cluster member");
    }

    @Test
    void aResultThatCannotBeSerializedFailsNamingTheClass() {
        Results<Object> results = runner.run(List.of(ctx -> new Thread("a result")));

        assertThat(((Outcome.Failure<Object>) results.outcomes().get(0)).error())
                .isInstanceOf(NotSerializableException.class).hasMessageContaining("java.lang.Thread");
    }

    @Test
    void cancellingReachesATaskThatCheckpointsOnItsMember() throws Exception {
        ClusterTesting.assertCancellationReachesTheMember(runner);
    }

    @Test
    void aTimeoutReachesATaskWaitingOnItsMember() throws Exception {
        try (Gate gate = Gate.start(); SharedCounters noticed = new SharedCounters(1)) {
            Results<String> results = runner.run(List.of(ctx -> {
                gate.pass(ctx);
                return "opened";
            }, ctx -> {
                try {
                    ctx.sleep(Duration.ofMinutes(5));
                    return "slept";
                } catch (InterruptedException e) {
                    noticed.incrementAndGet(0);
                    throw e;
                }
            }));

            assertThat(results.outcomes()).allMatch(o -> o instanceof Outcome.TimedOut<?>);
            assertThat(gate.awaitAbandoned(1, LONG)).as("the member's task stopped waiting at the gate").isTrue();
            assertThat(awaitCondition(() -> noticed.get(0) == 1)).as("the member's sleep was cut short").isTrue();
        }
    }

    @Test
    void aTaskThatNeverCheckpointsStillTimesOutAtOnceForTheCaller() {
        Duration spin = TASK_TIMEOUT.multipliedBy(3);
        long start = System.nanoTime();

        Results<Long> results = runner.run(List.of(ctx -> {
            long end = System.nanoTime() + spin.toNanos();
            long spins = 0;
            while (System.nanoTime() - end < 0) {
                spins++;
            }
            return spins;
        }));

        assertThat(results.outcomes().get(0)).isInstanceOf(Outcome.TimedOut.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(spin);
    }

    @Test
    void aRunnerDoesNotOfferAnExecutorService() {
        assertThatThrownBy(() -> Concurrency.executor(dev.concurrency.Strategy.CLUSTER))
                .hasMessageContaining("CLUSTER runs tasks in other JVMs");
    }

    @Test
    void optionsRejectBadValuesNamingThem() {
        assertThatThrownBy(() -> ClusterOptions.defaults().members(0)).hasMessage("members: 0 (expected: > 0)");
        assertThatThrownBy(() -> ClusterOptions.defaults().executorPoolSize(-1))
                .hasMessage("executorPoolSize: -1 (expected: > 0)");
        assertThatThrownBy(() -> ClusterOptions.defaults().memberJvmFlags("-Xmx1g", " "))
                .hasMessageContaining("memberJvmFlags[1]");
        assertThat(Arrays.asList(ClusterOptions.defaults().members(3).durable().settings().split(", ")))
                .containsExactly("members(3)", "durable()");
    }
}
