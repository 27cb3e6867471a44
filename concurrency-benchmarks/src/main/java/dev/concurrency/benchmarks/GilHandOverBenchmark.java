package dev.concurrency.benchmarks;

import dev.concurrency.Concurrency;
import dev.concurrency.Gil;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Runner;
import dev.concurrency.Strategy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of handing the emulated GIL from one task to another: two tasks
 * of a {@link GilPingPong} game run at once through a runner with
 * {@code Gil.python3(1 ns)}, and pass a turn back and forth
 * {@value #ROUNDS} times each, so the lock changes hands {@code 2 × }{@value #ROUNDS}{@code  − 1}
 * times; the time of the whole run (the two tasks' start included) divided by
 * {@code 2 × }{@value #ROUNDS}.
 *
 * <p>Under {@code python3} a hand-over is: the waiting task waits the switch
 * interval, then asks the holder to drop the lock; the holder sees the request
 * at its next {@code checkpoint()}, releases the lock and wakes the waiter,
 * which takes it. With a switch interval of one nanosecond the waiter asks at
 * once, so what is measured is the mechanism alone: the request, the release,
 * and the wake-up of a parked thread (THREAD) or virtual thread
 * (VIRTUAL_THREAD). With CPython's default interval (5 ms) each hand-over of
 * this game would take that long on top, by design. The holder spins on
 * {@code checkpoint()} until asked, as CPU-bound code does, so the waiter
 * needs a free core to wake on: on a loaded machine the figure includes
 * waiting for one. The strategies are only those that run the two tasks at
 * once in one JVM, as the game shares one object between them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = OpenRunner.EVENT_LOOP_FLAG)
public class GilHandOverBenchmark {

    /** Turn passes per player and game. */
    static final int ROUNDS = 1_000;

    /** The switch interval: the waiter asks for the lock as soon as it waits. */
    static final Duration ASK_AT_ONCE = Duration.ofNanos(1);

    /** The strategy measured. */
    @Param({"THREAD", "VIRTUAL_THREAD"})
    public Strategy strategy;

    private Runner runner;

    /** Opens a runner of two tasks at a time, with the GIL. */
    @Setup
    public void open() {
        if (strategy != Strategy.THREAD && strategy != Strategy.VIRTUAL_THREAD) {
            // Elsewhere the two players would not see one baton, or not run at once, and the game would never end.
            throw new IllegalArgumentException("strategy: " + strategy
                    + " (expected: THREAD or VIRTUAL_THREAD, whose two tasks share the game's baton)");
        }
        runner = Concurrency.open(options(strategy));
    }

    /** Closes the runner, releasing its threads. */
    @TearDown
    public void close() {
        runner.close();
    }

    static RunOptions options(Strategy strategy) {
        return RunOptions.of(strategy).maxConcurrency(2).gil(Gil.python3(ASK_AT_ONCE));
    }

    /**
     * @return the game's results, checked to be all successes
     */
    @Benchmark
    @OperationsPerInvocation(2 * ROUNDS)
    public Results<Integer> handOver() {
        Results<Integer> results = runner.run(GilPingPong.game(ROUNDS));
        if (!results.allSucceeded()) {
            throw new IllegalStateException("GIL ping-pong failed: " + results);
        }
        return results;
    }
}
