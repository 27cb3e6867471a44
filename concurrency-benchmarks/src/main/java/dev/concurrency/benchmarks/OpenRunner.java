package dev.concurrency.benchmarks;

import dev.concurrency.Concurrency;
import dev.concurrency.RunOptions;
import dev.concurrency.Runner;
import dev.concurrency.Strategy;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The common frame of the per-strategy benchmarks: one {@link Runner} per
 * trial, opened before the measurements and closed after them, so that what
 * is measured is the tasks, not starting a pool or a loop. The strategy
 * parameter has no listed values, so JMH runs every {@link Strategy} constant.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// Five warm-up seconds: on a two-core machine two were not enough for the JIT to settle
// (PROCESS's worker JVMs warm up on their own and need more: raise -wi for them).
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = OpenRunner.EVENT_LOOP_FLAG)
public abstract class OpenRunner {

    /** Opens {@code java.lang} for EVENT_LOOP's fast coroutines; without it a slower fallback runs. */
    static final String EVENT_LOOP_FLAG = "--add-opens=java.base/java.lang=ALL-UNNAMED";

    /** The strategy measured; every constant of {@link Strategy} unless {@code -p strategy=...} says otherwise. */
    @Param
    public Strategy strategy;

    /** The runner of this trial; open between {@link #open()} and {@link #close()}. */
    protected Runner runner;

    /** Opens the trial's runner. */
    @Setup
    public void open() {
        runner = Concurrency.open(RunOptions.of(strategy));
    }

    /** Closes the trial's runner, releasing its threads. */
    @TearDown
    public void close() {
        runner.close();
    }
}
