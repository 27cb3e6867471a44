package dev.concurrency.benchmarks;

import dev.concurrency.AsyncConnection;
import dev.concurrency.AsyncTask;
import dev.concurrency.Connection;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The tasks the benchmarks run, each in the form a strategy takes: an
 * {@link AsyncTask} for {@link Strategy#CALLBACK}, which runs nothing else, and
 * a direct-style {@link Task} for every other strategy. They capture only
 * serializable values, so a strategy that ships tasks to another process can
 * run them too.
 */
final class Tasks {

    /** The line the echo tasks send, without its line end. */
    static final String LINE = "ping";

    private Tasks() {
    }

    /** @return whether {@code strategy} runs callback-style tasks only */
    static boolean callbackOnly(Strategy strategy) {
        return strategy == Strategy.CALLBACK;
    }

    /**
     * @param strategy where it will run
     * @return a task that returns 1 at once
     */
    static Task<Integer> empty(Strategy strategy) {
        if (callbackOnly(strategy)) {
            return (AsyncTask<Integer>) ctx -> CompletableFuture.completedFuture(1);
        }
        return ctx -> 1;
    }

    /**
     * @param strategy where it will run
     * @param times    how many checkpoints
     * @return a task that calls {@code checkpoint()} {@code times} times and returns {@code times}
     */
    static Task<Integer> checkpoints(Strategy strategy, int times) {
        if (callbackOnly(strategy)) {
            return (AsyncTask<Integer>) ctx -> Repeat.times(times, ctx::checkpoint);
        }
        return ctx -> {
            for (int i = 0; i < times; i++) {
                ctx.checkpoint();
            }
            return times;
        };
    }

    /**
     * @param strategy where it will run
     * @param times    how many sleeps
     * @return a task that calls {@code sleep(Duration.ZERO)} {@code times} times and returns {@code times}
     */
    static Task<Integer> zeroSleeps(Strategy strategy, int times) {
        if (callbackOnly(strategy)) {
            return (AsyncTask<Integer>) ctx -> Repeat.times(times, () -> ctx.sleep(Duration.ZERO));
        }
        return ctx -> {
            for (int i = 0; i < times; i++) {
                ctx.sleep(Duration.ZERO);
            }
            return times;
        };
    }

    /**
     * @param strategy   where it will run
     * @param server     an echo server
     * @param roundTrips how many lines to send
     * @return a task that opens one connection to {@code server}, then {@code roundTrips} times writes
     *         {@link #LINE} and reads it back (failing if another line comes back), and returns
     *         {@code roundTrips}
     */
    static Task<Integer> echoRoundTrips(Strategy strategy, InetSocketAddress server, int roundTrips) {
        if (callbackOnly(strategy)) {
            return (AsyncTask<Integer>) ctx -> ctx.connect(server).thenCompose(c ->
                    Repeat.times(roundTrips, () -> roundTrip(c)).whenComplete((n, error) -> c.close()));
        }
        return ctx -> {
            try (Connection c = ctx.connect(server)) {
                for (int i = 0; i < roundTrips; i++) {
                    c.write(LINE + "\n");
                    checkEcho(c.readLine());
                }
            }
            return roundTrips;
        };
    }

    private static CompletionStage<Void> roundTrip(AsyncConnection c) {
        return c.write(LINE + "\n").thenCompose(v -> c.readLine()).thenAccept(line -> {
            try {
                checkEcho(line);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        });
    }

    private static void checkEcho(String line) throws IOException {
        if (!LINE.equals(line)) {
            throw new IOException("echo: " + line + " (expected: " + LINE + ")");
        }
    }
}
