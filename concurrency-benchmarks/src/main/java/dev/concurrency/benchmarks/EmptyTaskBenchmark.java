package dev.concurrency.benchmarks;

import dev.concurrency.Results;
import dev.concurrency.Task;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;

/**
 * The overhead of one task that does nothing (it returns 1), under each
 * strategy, through a {@link dev.concurrency.Runner} opened once per trial.
 *
 * <ul>
 *   <li>{@link #submitAndWait()}: the latency of one task: {@code runner.submit(task).get()}
 *       from the benchmark thread, i.e. handing the task to the strategy (a pool thread, a
 *       new virtual thread, the loop's queue and wake-up, a worker process), running it,
 *       completing its future and waking the waiting thread.</li>
 *   <li>{@link #runBatch()}: the cost per task of a batch: {@code runner.run(tasks)} of
 *       {@value #BATCH} empty tasks, which start together and are waited for together, and
 *       whose {@link Results} (outcomes in input order, timings, stats) are built; the time
 *       of the whole call divided by {@value #BATCH}.</li>
 * </ul>
 */
public class EmptyTaskBenchmark extends OpenRunner {

    /** Tasks in one {@link #runBatch()} call. */
    static final int BATCH = 100;

    private Task<Integer> task;
    private List<Task<Integer>> batch;

    /** Builds the task in the form the strategy runs. */
    @Setup
    public void tasks() {
        task = Tasks.empty(strategy);
        batch = Collections.nCopies(BATCH, task);
    }

    /**
     * @return the task's value
     * @throws ExecutionException   if the task failed
     * @throws InterruptedException if the benchmark is interrupted
     */
    @Benchmark
    public Integer submitAndWait() throws ExecutionException, InterruptedException {
        return runner.submit(task).get();
    }

    /**
     * @return the batch's results, checked to be all successes
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Results<Integer> runBatch() {
        Results<Integer> results = runner.run(batch);
        if (!results.allSucceeded()) {
            throw new IllegalStateException("empty tasks failed: " + results);
        }
        return results;
    }
}
