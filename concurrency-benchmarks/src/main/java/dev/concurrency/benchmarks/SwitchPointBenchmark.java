package dev.concurrency.benchmarks;

import dev.concurrency.Task;
import java.util.concurrent.ExecutionException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;

/**
 * The cost of one call to a task's switch points, under each strategy: one
 * task, submitted through an open runner, calls {@code ctx.checkpoint()} (or
 * {@code ctx.sleep(Duration.ZERO)}) {@value #CALLS} times in a row and is
 * waited for; the time of the whole task divided by {@value #CALLS}. The one
 * submit-and-wait per task (see {@link EmptyTaskBenchmark}) is included: its
 * latency divided by {@value #CALLS}, under a nanosecond per call while it
 * stays under 100 µs, which is the resolution of the few-nanosecond figures.
 *
 * <p>With one task alone there is nobody to switch to, so this is the price
 * of the switch point itself: under THREAD and VIRTUAL_THREAD a cancellation
 * check (and {@code sleep(ZERO)} returns at once); under EVENT_LOOP each call
 * suspends the coroutine and the loop resumes it, as asyncio's
 * {@code sleep(0)} does; under CALLBACK each call is a stage that completes on
 * a later turn of the loop, and the next call is chained to it.
 */
public class SwitchPointBenchmark extends OpenRunner {

    /** Calls per task. */
    static final int CALLS = 100_000;

    private Task<Integer> checkpoints;
    private Task<Integer> zeroSleeps;

    /** Builds the tasks in the form the strategy runs. */
    @Setup
    public void tasks() {
        checkpoints = Tasks.checkpoints(strategy, CALLS);
        zeroSleeps = Tasks.zeroSleeps(strategy, CALLS);
    }

    /**
     * @return the number of calls made
     * @throws ExecutionException   if the task failed
     * @throws InterruptedException if the benchmark is interrupted
     */
    @Benchmark
    @OperationsPerInvocation(CALLS)
    public Integer checkpoint() throws ExecutionException, InterruptedException {
        return runner.submit(checkpoints).get();
    }

    /**
     * @return the number of calls made
     * @throws ExecutionException   if the task failed
     * @throws InterruptedException if the benchmark is interrupted
     */
    @Benchmark
    @OperationsPerInvocation(CALLS)
    public Integer sleepZero() throws ExecutionException, InterruptedException {
        return runner.submit(zeroSleeps).get();
    }
}
