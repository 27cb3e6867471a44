package dev.concurrency.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The harness of the per-family fault-injection tests: a faulty task runs
 * between two ordinary ones, and the run must keep the library's promises:
 * every task ends in exactly one outcome (the faulty one as the fault
 * dictates, its neighbours with their values, their threads not left
 * interrupted), the run returns within its deadline plus the 1 s grace, at
 * most the stated number of tasks is abandoned, and once the faulty code has
 * ended (the test releases it) nothing of the library is left.
 */
final class FaultInjection {

    /** Each task's timeout. */
    static final Duration TIMEOUT = TestSupport.scaled(300);
    /** The run's deadline. */
    static final Duration DEADLINE = TestSupport.scaled(8_000);
    /** The promise: a run returns within its deadline plus at most this. */
    static final Duration PROMISED_GRACE = Duration.ofSeconds(1);

    private FaultInjection() {
    }

    /**
     * One fault.
     *
     * @param name          what the faulty task does
     * @param direct        it, in direct style
     * @param async         it, in callback style ({@code null} where only direct-style strategies get it)
     * @param expected      what it must end as
     * @param maxAbandoned  how many tasks of the run may be abandoned
     */
    record Fault(String name, Task<String> direct, AsyncTask<String> async, Predicate<Outcome<String>> expected,
                 int maxAbandoned) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Ends successfully with its name, marked if its thread was interrupted when it ran. */
    static Task<String> ordinary(String name) {
        return ctx -> name + (Thread.currentThread().isInterrupted() ? " (found its thread interrupted)" : "");
    }

    static AsyncTask<String> ordinaryAsync(String name) {
        return ctx -> CompletableFuture.completedFuture(
                name + (Thread.currentThread().isInterrupted() ? " (found its thread interrupted)" : ""));
    }

    /**
     * Runs {@code [before, fault, after]} and checks the promises that hold
     * while the faulty code may still run.
     */
    static void inject(Strategy strategy, Fault fault, RunOptions options) {
        List<Task<String>> tasks = List.of(
                TestSupport.sharedForm(strategy, ordinary("before"), ordinaryAsync("before")),
                strategy == Strategy.CALLBACK ? fault.async() : fault.direct(),
                TestSupport.sharedForm(strategy, ordinary("after"), ordinaryAsync("after")));
        long started = System.nanoTime();
        Results<String> results = Concurrency.run(tasks, options.taskTimeout(TIMEOUT).deadline(DEADLINE));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String context = strategy + ", " + fault.name();
        assertThat(took).as(context + ": the run returned in time").isLessThan(DEADLINE.plus(PROMISED_GRACE));
        assertThat(results.outcomes()).as(context).hasSize(3).doesNotContainNull();
        assertThat(results.outcome(0)).as(context).isEqualTo(new Outcome.Success<>("before"));
        assertThat(results.outcome(2)).as(context).isEqualTo(new Outcome.Success<>("after"));
        assertThat(results.outcome(1)).as(context + ": the faulty task's outcome").matches(fault.expected());
        assertThat(results.stats().abandoned()).as(context + ": abandoned").isBetween(0, fault.maxAbandoned());
    }

    /** Once the faulty code was released: it ends on its own, and nothing of the library is left (bounded wait). */
    static void assertNothingLeft() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() - end < 0 && Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("concurrency-"))) {
            Thread.sleep(20); // polls a condition with a bound; abandoned code signals nobody when it ends
        }
        TestSupport.assertNoLibraryThreadAlive(List.of());
    }

    static Predicate<Outcome<String>> failsWith(Class<? extends Throwable> type) {
        return o -> o instanceof Outcome.Failure<String> f && type.isInstance(f.error());
    }

    static Predicate<Outcome<String>> timesOut() {
        return o -> o.equals(new Outcome.TimedOut<>(TIMEOUT));
    }

    /** Every strategy with every fault, as the parameters of a test. */
    static List<org.junit.jupiter.params.provider.Arguments> cases(List<Strategy> strategies, List<Fault> faults) {
        List<org.junit.jupiter.params.provider.Arguments> cases = new java.util.ArrayList<>();
        for (Strategy strategy : strategies) {
            for (Fault fault : faults) {
                cases.add(org.junit.jupiter.params.provider.Arguments.of(strategy, fault));
            }
        }
        return cases;
    }

    /** Sleeps until cancelled, then throws an {@link AssertionError} on the way out. */
    static String throwErrorWhenCancelled(dev.concurrency.TaskContext ctx) {
        try {
            ctx.sleep(Duration.ofMinutes(10));
        } catch (InterruptedException | java.util.concurrent.CancellationException e) {
            throw new AssertionError("thrown on the way out");
        }
        return "slept";
    }

    static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    /**
     * A peer on 127.0.0.1 that accepts connections and never writes: reads
     * from it block until {@link #close}, which ends them; or, made with
     * {@code resetting}, resets each connection as it accepts it (an RST, not
     * a FIN), so a read fails. Thread-safe.
     */
    static final class SilentPeer implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        SilentPeer(boolean resetting) throws IOException {
            server = new ServerSocket();
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            acceptor = Thread.ofPlatform().daemon().name("test-silent-peer").start(() -> {
                try {
                    while (true) {
                        Socket socket = server.accept();
                        if (resetting) {
                            socket.setSoLinger(true, 0);
                            socket.close();
                        } else {
                            accepted.add(socket);
                        }
                    }
                } catch (IOException e) {
                    // closed: done
                }
            });
        }

        InetSocketAddress address() {
            return (InetSocketAddress) server.getLocalSocketAddress();
        }

        @Override
        public void close() throws Exception {
            server.close();
            for (Socket socket : accepted) {
                socket.close();
            }
            acceptor.join(Duration.ofSeconds(10));
        }
    }
}
