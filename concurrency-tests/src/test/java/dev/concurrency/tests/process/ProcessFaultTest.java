package dev.concurrency.tests.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concurrency.Concurrency;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Runner;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.WorkerCrashedException;
import dev.concurrency.tests.logging.RecordedLogs;
import dev.concurrency.Connection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.io.NotSerializableException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each way a worker process can fail its task: the task fails with the named
 * exception, the other tasks of the run still complete, and no worker process
 * is left once the run returns.
 */
class ProcessFaultTest {

    private static final RunOptions TWO_WORKERS = RunOptions.of(Strategy.PROCESS).workers(2);

    @AfterEach
    void noWorkerLeft() {
        Workers.assertNoneAlive();
    }

    /** Three ordinary tasks around the faulty one, so the others' outcomes can be checked. */
    private static List<Task<Long>> around(Task<Long> faulty) {
        List<Task<Long>> tasks = new ArrayList<>();
        tasks.add(Task.named("before", ctx -> 1L));
        tasks.add(Task.named("faulty", faulty));
        tasks.add(Task.named("after", ctx -> 2L));
        tasks.add(Task.named("last", ctx -> 3L));
        return tasks;
    }

    private static WorkerCrashedException crashOf(Results<Long> results) {
        assertThat(results.outcomes().get(0)).isEqualTo(new Outcome.Success<>(1L));
        assertThat(results.outcomes().get(2)).isEqualTo(new Outcome.Success<>(2L));
        assertThat(results.outcomes().get(3)).isEqualTo(new Outcome.Success<>(3L));
        Outcome<Long> faulty = results.outcomes().get(1);
        assertThat(faulty).isInstanceOf(Outcome.Failure.class);
        Throwable error = ((Outcome.Failure<Long>) faulty).error();
        assertThat(error).isInstanceOf(WorkerCrashedException.class).hasMessageContaining("tasks[1] 'faulty'");
        return (WorkerCrashedException) error;
    }

    @Test
    void systemExitFailsOnlyItsTask() {
        long mark = RecordedLogs.mark();
        Results<Long> results = Concurrency.run(around(ctx -> {
            System.err.println("about to exit");
            System.exit(3);
            return 0L;
        }), TWO_WORKERS);

        WorkerCrashedException crash = crashOf(results);
        assertThat(crash.exitStatus()).hasValue(3);
        assertThat(crash.stderrTail()).contains("about to exit");
        assertThat(Workers.isAlive(crash.pid())).isFalse();
        assertThat(RecordedLogs.since(mark)).as("the worker's stderr, in this JVM's log")
                .anySatisfy(event -> {
                    assertThat(event.logger()).isEqualTo("dev.concurrency.worker");
                    assertThat(event.message()).matches("worker \\d+ \\(pid " + crash.pid() + "\\): about to exit");
                });
    }

    @Test
    void killMinusNineFailsOnlyItsTask() {
        Results<Long> results = Concurrency.run(around(ctx -> {
            long pid = ProcessHandle.current().pid();
            new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
            ctx.sleep(Duration.ofSeconds(30)); // the signal arrives meanwhile
            return 0L;
        }), TWO_WORKERS);

        WorkerCrashedException crash = crashOf(results);
        assertThat(crash.exitStatus()).hasValue(128 + 9);
        assertThat(crash).hasMessageContaining("signal 9");
    }

    @Test
    void outOfMemoryFailsOnlyItsTask() {
        Results<Long> results = Concurrency.run(around(ctx -> {
            List<long[]> hog = new ArrayList<>();
            while (true) {
                hog.add(new long[1 << 20]);
                ctx.checkpoint();
            }
        }), TWO_WORKERS.workerJvmFlags("-Xmx48m"));

        WorkerCrashedException crash = crashOf(results);
        assertThat(crash.exitStatus()).hasValue(3); // -XX:+ExitOnOutOfMemoryError
        assertThat(String.join("\n", crash.stderrTail())).contains("OutOfMemoryError");
    }

    @Test
    void jvmCrashFailsOnlyItsTask(@TempDir Path dir) {
        Results<Long> results = Concurrency.run(around(ctx -> {
            Field field = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
            field.setAccessible(true);
            Object unsafe = field.get(null);
            unsafe.getClass().getMethod("putAddress", long.class, long.class).invoke(unsafe, 0L, 0L);
            return 0L;
        }), TWO_WORKERS.workerJvmFlags("-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"),
                "-XX:-CreateCoredumpOnCrash"));

        WorkerCrashedException crash = crashOf(results);
        assertThat(crash.exitStatus().orElse(0)).isNotZero();
        assertThat(String.join("\n", crash.stderrTail())).contains("A fatal error has been detected").contains("SIGSEGV");
    }

    @Test
    void timeoutKillsAndReplacesTheWorker() throws Exception {
        try (Runner runner = Concurrency.open(RunOptions.of(Strategy.PROCESS).workers(1)
                .taskTimeout(Duration.ofSeconds(3)))) {
            long before = runner.submit(ctx -> ProcessHandle.current().pid()).get(30, TimeUnit.SECONDS);
            CompletableFuture<Long> hung = runner.submit(ctx -> {
                ctx.sleep(Duration.ofSeconds(60));
                return 0L;
            });
            assertThatThrownBy(() -> hung.get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
            long after = runner.submit(ctx -> ProcessHandle.current().pid()).get(30, TimeUnit.SECONDS);

            assertThat(after).isNotEqualTo(before);
            assertThat(Workers.isAlive(before)).isFalse();
        }
    }

    @Test
    void cancellingAFutureKillsItsWorker() throws Exception {
        try (Runner runner = Concurrency.open(RunOptions.of(Strategy.PROCESS).workers(1));
             Rendezvous started = new Rendezvous(2)) {
            long before = runner.submit(ctx -> ProcessHandle.current().pid()).get(30, TimeUnit.SECONDS);
            InetSocketAddress address = started.address();
            CompletableFuture<Long> hung = runner.submit(ctx -> {
                try (Connection c = ctx.connect(address)) {
                    c.readLine(); // the other party never comes
                }
                return 0L;
            });
            started.awaitArrivals(1);
            hung.cancel(true);
            long after = runner.submit(ctx -> ProcessHandle.current().pid()).get(30, TimeUnit.SECONDS);

            assertThat(hung).isCancelled();
            assertThat(after).isNotEqualTo(before);
        }
    }

    @Test
    void aThrownExceptionComesBackWithItsClassMessageAndWorkerStack() {
        Results<Long> results = Concurrency.run(List.of(Task.named("thrower", ctx -> {
            throw new IOException("disk on fire");
        })), TWO_WORKERS);

        Throwable error = ((Outcome.Failure<Long>) results.outcomes().get(0)).error();
        assertThat(error).isExactlyInstanceOf(IOException.class).hasMessage("disk on fire");
        assertThat(error.getStackTrace()[0].getClassName()).isEqualTo(ProcessFaultTest.class.getName());
        assertThat(error.getCause()).hasMessageContaining("tasks[0] 'thrower' in worker")
                .hasMessageContaining("worker-side stack trace");
    }

    @Test
    void aTaskThatCannotBeSerializedFailsNamingTheClass() {
        Thread notSerializable = Thread.currentThread();
        Results<Long> results = Concurrency.run(List.of(
                Task.named("captures", ctx -> notSerializable.threadId()),
                Task.named("fine", ctx -> 7L)), TWO_WORKERS);

        Throwable error = ((Outcome.Failure<Long>) results.outcomes().get(0)).error();
        assertThat(error).isInstanceOf(NotSerializableException.class)
                .hasMessageContaining("tasks[0] 'captures'").hasMessageContaining("java.lang.Thread");
        assertThat(results.outcomes().get(1)).isEqualTo(new Outcome.Success<>(7L));
    }

    @Test
    void aResultThatCannotBeSerializedFailsNamingTheClass() {
        Results<Object> results = Concurrency.run(List.<Task<Object>>of(
                Task.named("returns a thread", ctx -> Thread.currentThread()),
                Task.named("fine", ctx -> "ok")), TWO_WORKERS);

        Throwable error = ((Outcome.Failure<Object>) results.outcomes().get(0)).error();
        assertThat(error).isInstanceOf(NotSerializableException.class)
                .hasMessageContaining("tasks[0] 'returns a thread'").hasMessageContaining("java.lang.Thread");
        assertThat(results.outcomes().get(1)).isEqualTo(new Outcome.Success<>("ok"));
    }

    @Test
    void aWorkerThatCannotStartFailsTheRunWithItsOwnMessage() {
        Results<Long> results = Concurrency.run(List.of(ctx -> 1L, ctx -> 2L, ctx -> 3L),
                TWO_WORKERS.workerJvmFlags("-XX:+NoSuchFlagAnywhere"));

        for (Outcome<Long> outcome : results.outcomes()) {
            assertThat(outcome).isInstanceOf(Outcome.Failure.class);
            assertThat(((Outcome.Failure<Long>) outcome).error())
                    .hasMessageContaining("could not start a worker JVM")
                    .hasMessageContaining("NoSuchFlagAnywhere");
        }
    }

    @Test
    void aWorkerWhoseClassPathIsMissingFailsTheRunWithItsOwnMessage(@TempDir Path dir) {
        Results<Long> results = Concurrency.run(List.of(ctx -> 1L, ctx -> 2L),
                TWO_WORKERS.workerClassPath(dir.resolve("deleted.jar").toString())); // as if the jar had gone

        for (Outcome<Long> outcome : results.outcomes()) {
            assertThat(((Outcome.Failure<Long>) outcome).error())
                    .hasMessageContaining("could not start a worker JVM")
                    .hasMessageContaining("Could not find or load main class");
        }
    }

    @Test
    void workersAreReusedAndRecycledAfterMaxTasks() {
        List<Task<Long>> pids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pids.add(ctx -> ProcessHandle.current().pid());
        }
        List<Long> reused = Concurrency.run(pids, RunOptions.of(Strategy.PROCESS).workers(1)).values();
        List<Long> recycled = Concurrency.run(pids, RunOptions.of(Strategy.PROCESS).workers(1)
                .maxTasksPerWorker(2)).values();

        assertThat(reused).containsOnly(reused.get(0));
        assertThat(recycled.get(0)).isEqualTo(recycled.get(1));
        assertThat(recycled.get(2)).isEqualTo(recycled.get(3)).isNotEqualTo(recycled.get(0));
    }

    @Test
    void workersTakeThisJvmsFlagsAndTheirOwn() {
        boolean openHere = Object.class.getModule().isOpen("java.lang", ProcessFaultTest.class.getModule());
        Results<String> results = Concurrency.run(List.<Task<String>>of(ctx ->
                        Object.class.getModule().isOpen("java.lang", ProcessFaultTest.class.getModule())
                                + " " + System.getProperty("concurrency.test.flag")),
                TWO_WORKERS.workerJvmFlags("-Dconcurrency.test.flag=42"));

        assertThat(results.values()).containsExactly(openHere + " 42"); // --add-opens carried over, -D added
    }

    @Test
    void statsReportEachWorker() {
        Results<Long> results = Concurrency.run(List.of(ctx -> 1L, ctx -> 2L), TWO_WORKERS);

        assertThat(results.stats().workers()).isNotEmpty().allSatisfy(worker -> {
            assertThat(worker.startupTime()).isPositive();
            assertThat(worker.pid()).isPositive();
            if (Path.of("/proc/self/status").toFile().exists()) {
                assertThat(worker.residentBytes()).isPresent();
                assertThat(worker.peakResidentBytes()).isPresent();
            }
        });
        assertThat(results.stats().workers().stream().mapToLong(w -> w.tasks()).sum()).isEqualTo(2);
    }

    /**
     * A result that fails to deserialize in this JVM with a RuntimeException
     * fails its task, saying so, and the slot goes on serving: the next task
     * on the same single worker succeeds (it used to kill the slot's thread,
     * and the run never returned).
     */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aResultThatCannotBeReadBackFailsItsTaskAndTheSlotGoesOn() {
        List<Task<Object>> tasks = List.of(ctx -> new ExplodesOnArrival(), ctx -> "next");
        Results<Object> results = Concurrency.run(tasks, RunOptions.of(Strategy.PROCESS).workers(1));
        assertThat(results.outcome(0)).isInstanceOfSatisfying(Outcome.Failure.class, f ->
                assertThat(f.error()).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("what its worker sent back cannot be read in this process")
                        .hasRootCauseMessage("boom on arrival"));
        assertThat(results.outcome(1)).isEqualTo(new Outcome.Success<>("next"));
    }

    /**
     * Faults the library knows the cause of are reported as that cause, not as
     * a crashed worker: a task name too long for a 64 KiB string field, a
     * result whose writeObject throws, a task whose captured state's readObject
     * throws in the worker.
     */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void faultsWithAKnownCauseAreNotReportedAsCrashes() {
        String longName = "n".repeat(70_000);
        List<Task<Object>> tasks = List.of(
                Task.named(longName, ctx -> "named at length"),
                ctx -> new FailsOnTheWayOut(),
                new FailsOnArrival(),
                ctx -> "still fine");
        Results<Object> results = Concurrency.run(tasks, RunOptions.of(Strategy.PROCESS).workers(1));
        assertThat(results.outcome(0)).isEqualTo(new Outcome.Success<>("named at length"));
        assertThat(results.tasks().get(0).name()).isEqualTo(longName);
        assertThat(results.outcome(1)).isInstanceOfSatisfying(Outcome.Failure.class, f ->
                assertThat(f.error()).isInstanceOf(NotSerializableException.class)
                        .hasMessageContaining("cannot be sent back from the worker process")
                        .hasMessageContaining("refuses to leave"));
        assertThat(results.outcome(2)).isInstanceOfSatisfying(Outcome.Failure.class, f ->
                assertThat(f.error()).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("could not be read in the worker process")
                        .hasMessageContaining("refuses to arrive"));
        assertThat(results.outcome(3)).isEqualTo(new Outcome.Success<>("still fine"));
    }

    /** A result whose serialization throws a RuntimeException. */
    static final class FailsOnTheWayOut implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        private void writeObject(java.io.ObjectOutputStream out) {
            throw new IllegalStateException("refuses to leave");
        }
    }

    /** A task whose deserialization in the worker throws a RuntimeException. */
    static final class FailsOnArrival implements Task<Object> {
        private static final long serialVersionUID = 1L;

        @Override
        public Object run(dev.concurrency.TaskContext ctx) {
            return "never";
        }

        private void readObject(java.io.ObjectInputStream in) {
            throw new IllegalStateException("refuses to arrive");
        }
    }

    /**
     * A task that starts a process inheriting the worker's output and returns:
     * the run and the runner's close do not wait for that process to exit (it
     * holds the worker's pipes); the test kills it at the end.
     */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aProcessInheritingTheWorkersPipesDoesNotHoldTheRun() throws Exception {
        Task<Long> spawner = ctx -> new ProcessBuilder("sleep", "120").inheritIO().start().pid();
        long grandchild = -1;
        try {
            Results<Long> results = Concurrency.run(List.of(spawner), RunOptions.of(Strategy.PROCESS).workers(1));
            grandchild = ((Outcome.Success<Long>) results.outcome(0)).value();
            assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive))
                    .as("the run returned while the process it started still runs").contains(true);
        } finally {
            if (grandchild > 0) {
                ProcessHandle.of(grandchild).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /**
     * Output on the worker's file descriptor 1, written around System.out or
     * by a process inheriting it, is the task's output, logged as such: it
     * does not break the worker's channel, and the tasks succeed.
     */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void writingToFileDescriptorOneIsOutputNotACrash() {
        long mark = RecordedLogs.mark();
        Task<Long> direct = ctx -> {
            var out = new java.io.FileOutputStream(java.io.FileDescriptor.out);
            out.write(new byte[] {(byte) 0xC0, (byte) 0xCC, (byte) 0xF4, (byte) 0xA3, 1, 2, 3, '\n'});
            out.write("straight to fd 1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.flush();
            return 10L;
        };
        Task<Long> inherited = ctx -> (long) new ProcessBuilder("sh", "-c", "echo from an inheriting child")
                .inheritIO().start().waitFor();
        Results<Long> results = Concurrency.run(List.of(direct, inherited, ctx -> 3L),
                RunOptions.of(Strategy.PROCESS).workers(1));

        assertThat(results.outcomes()).containsExactly(
                new Outcome.Success<>(10L), new Outcome.Success<>(0L), new Outcome.Success<>(3L));
        assertThat(results.stats().workers()).as("one worker served all three, none crashed")
                .singleElement().satisfies(w -> assertThat(w.tasks()).isEqualTo(3));
        assertThat(RecordedLogs.since(mark)).extracting(e -> e.message())
                .anySatisfy(m -> assertThat(m).endsWith("(stdout) straight to fd 1"))
                .anySatisfy(m -> assertThat(m).endsWith("(stdout) from an inheriting child"));
    }

    /** Serializes fine, and fails with a RuntimeException wherever it is read back. */
    static final class ExplodesOnArrival implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        private void readObject(java.io.ObjectInputStream in) {
            throw new IllegalStateException("boom on arrival");
        }
    }
}
