package dev.concurrency.benchmarks;

import dev.concurrency.Task;
import dev.concurrency.examples.workloads.EchoServer;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The latency of one TCP round trip made by a task, under each strategy: one
 * task, submitted through an open runner, opens a {@link dev.concurrency.Connection}
 * to an {@link EchoServer} on 127.0.0.1 and {@value #ROUND_TRIPS} times writes
 * the line {@code "ping\n"} and reads it back (failing if another line comes
 * back), then closes it; the time of the whole task divided by
 * {@value #ROUND_TRIPS}. Connecting and the one submit-and-wait are included,
 * spread over the round trips: a fraction of a microsecond on each.
 *
 * <p>Each round trip is the strategy's way of waiting for a socket (a blocked
 * thread, a parked virtual thread, a coroutine suspended on the loop's selector,
 * a callback on the loop) plus the loopback and the server's turn, which is
 * the same for every strategy: one selector thread serves every connection.
 * The server starts before the trial and is stopped after it.
 */
public class EchoRoundTripBenchmark extends OpenRunner {

    /** Round trips per task. */
    static final int ROUND_TRIPS = 1_000;

    private EchoServer server;
    private Task<Integer> roundTrips;

    /**
     * Starts the echo server and builds the task in the form the strategy runs.
     *
     * @throws IOException if the server cannot start
     */
    @Setup
    public void startServer() throws IOException {
        server = EchoServer.start();
        roundTrips = Tasks.echoRoundTrips(strategy, server.address(), ROUND_TRIPS);
    }

    /** Stops the echo server and joins its thread. */
    @TearDown
    public void stopServer() {
        server.close();
    }

    /**
     * @return the number of round trips made
     * @throws ExecutionException   if the task failed
     * @throws InterruptedException if the benchmark is interrupted
     */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public Integer roundTrip() throws ExecutionException, InterruptedException {
        return runner.submit(roundTrips).get();
    }
}
