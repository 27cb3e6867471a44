package dev.concurrency.hazelcast;

import static dev.concurrency.hazelcast.ClusterTesting.LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concurrency.Concurrency;
import dev.concurrency.Results;
import dev.concurrency.Runner;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.spi.ChildJvm;
import dev.concurrency.testkit.Gate;
import dev.concurrency.testkit.SharedCounters;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** CLUSTER's faults: a member killed mid-task, a member that cannot start, the calling JVM killed. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterFaultTest {

    @AfterEach
    void nothingOfTheClusterIsLeft() throws InterruptedException {
        ClusterTesting.assertNoClusterThreadLeft();
    }

    /** A task that records its member's pid in {@code pids[index]} (its first run's), waits at the gate, returns it. */
    private static Task<Long> recordAndPass(int index, SharedCounters pids, Gate gate) {
        return ctx -> {
            int pid = (int) ProcessHandle.current().pid();
            pids.compareAndSet(index, 0, pid);
            gate.pass(ctx);
            return (long) pid;
        };
    }

    @Test
    void aMemberKilledMidTaskFailsOnlyItsTaskAndTheOthersCompleteOnTheSurvivor() throws Exception {
        List<Long> members;
        try (Gate gate = Gate.start(); SharedCounters pids = new SharedCounters(2);
             Runner runner = Concurrency.open(ClusterTesting.cluster(2, 1).taskTimeout(LONG))) {
            members = ClusterTesting.memberPids(runner.run(List.<Task<Integer>>of(ctx -> 1)).stats());
            CompletableFuture<Long> doomed = runner.submit(recordAndPass(0, pids, gate));
            CompletableFuture<Long> survivor = runner.submit(recordAndPass(1, pids, gate));
            assertThat(gate.awaitArrivals(2, LONG)).isTrue();
            long killed = pids.get(0);
            assertThat(pids.get(1)).as("one task per member").isNotEqualTo(pids.get(0));

            ProcessHandle.of(killed).orElseThrow().destroyForcibly();

            assertThat(doomed).failsWithin(LONG).withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(MemberLostException.class)
                    .withMessageContaining("pid " + killed).withMessageContaining("died or left the cluster");
            gate.open();
            assertThat(survivor.get(LONG.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(pids.get(1));
            assertThat(runner.run(List.<Task<Long>>of(ctx -> ProcessHandle.current().pid())).values())
                    .containsExactly((long) pids.get(1));
        }
        ClusterTesting.assertExited(members);
    }

    @Test
    void durableTasksWhoseMemberIsKilledRunAgainElsewhereAllSucceedAndAreCounted() throws Exception {
        List<Long> members;
        try (Gate gate = Gate.start(); SharedCounters pids = new SharedCounters(2);
             Runner runner = Concurrency.open(dev.concurrency.RunOptions.of(Strategy.CLUSTER).taskTimeout(LONG)
                     .with(ClusterTesting.options(2, 1).durable()))) {
            members = ClusterTesting.memberPids(runner.run(List.<Task<Integer>>of(ctx -> 1)).stats());
            FutureTask<Results<Long>> run = new FutureTask<>(() -> runner.run(
                    List.of(recordAndPass(0, pids, gate), recordAndPass(1, pids, gate))));
            Thread runThread = Thread.ofPlatform().name("durable-run").start(run);
            try {
                assertThat(gate.awaitArrivals(2, LONG)).isTrue();
                long killed = pids.get(0);
                long kept = pids.get(1);
                assertThat(kept).as("one task per member").isNotEqualTo(killed);

                ProcessHandle.of(killed).orElseThrow().destroyForcibly();
                gate.open();

                Results<Long> results = run.get(LONG.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(results.values()).as("task 0 ran again on the survivor").containsExactly(kept, kept);
                assertThat(results.stats().reruns()).isEqualTo(1);
                assertThat(gate.arrivals()).hasSize(3);
            } finally {
                gate.open();
                runThread.join();
            }
            Results<Integer> after = runner.run(List.of(ctx -> 2));
            assertThat(after.values()).containsExactly(2);
            assertThat(after.stats().reruns()).as("a later run's own count").isZero();
            ClusterTesting.assertCancellationReachesTheMember(runner); // on whichever member runs it
        }
        ClusterTesting.assertExited(members);
    }

    @Test
    void aMemberThatCannotStartFailsTheOpeningAtOnceWithItsOwnError() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> Concurrency.open(dev.concurrency.RunOptions.of(Strategy.CLUSTER)
                .with(ClusterOptions.defaults().members(2).memberJvmFlags("-XX:+NoSuchFlagAnywhere"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not start cluster member")
                .hasMessageContaining("NoSuchFlagAnywhere");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LONG);
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("MemberMain"))).isEmpty();
    }

    @Test
    void membersExitSoonAfterTheCallingJvmIsKilled() throws Exception {
        List<String> command = ChildJvm.command(List.of(), Optional.empty(), CallerMain.class, List.of(), List.of());
        Process caller = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Long> members = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(caller.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals(CallerMain.READY)) {
                members.add(Long.parseLong(line));
            }
            assertThat(line).as("the caller's output ended early").isEqualTo(CallerMain.READY);
            assertThat(members).hasSize(2).allMatch(pid -> ProcessHandle.of(pid).isPresent());

            caller.destroyForcibly();
            assertThat(caller.waitFor(LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            long killedAt = System.nanoTime();
            ClusterTesting.assertExited(members);
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(10));
        } finally {
            caller.destroyForcibly();
            for (long pid : members) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
