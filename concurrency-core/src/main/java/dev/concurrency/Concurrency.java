package dev.concurrency;

import dev.concurrency.internal.DefaultRunner;
import dev.concurrency.internal.RunnerExecutorService;
import dev.concurrency.internal.compare.Comparer;
import dev.concurrency.internal.engine.Providers;
import java.util.List;
import java.util.Objects;
import java.io.IOException;
import java.net.InetSocketAddress;
import dev.concurrency.internal.server.RunningServer;
import java.util.concurrent.ExecutorService;

/**
 * The entry point: run tasks under a {@link Strategy}.
 *
 * <pre>{@code
 * List<Task<String>> tasks = ...;
 * Results<String> results = Concurrency.run(tasks, Strategy.VIRTUAL_THREAD);
 * }</pre>
 *
 * <p>{@code run} is structured: it returns only when every task has ended, and
 * leaves no thread of its own behind. All methods are thread-safe.
 */
public final class Concurrency {

    private Concurrency() {
    }

    /**
     * Runs tasks under a strategy with its default limits.
     *
     * @param tasks    the tasks
     * @param strategy how to run them
     * @param <T>      their result type
     * @return one outcome per task, in input order
     * @throws NullPointerException naming the first null element ({@code tasks[3] is null})
     * @see Runner#run(List)
     */
    public static <T> Results<T> run(List<? extends Task<T>> tasks, Strategy strategy) {
        return run(tasks, RunOptions.of(strategy));
    }

    /**
     * Runs tasks with the given options. Returns when every task has ended; the
     * threads used are gone by then.
     *
     * @param tasks   the tasks
     * @param options how to run them
     * @param <T>     their result type
     * @return one outcome per task, in input order
     * @throws NullPointerException naming the first null element ({@code tasks[3] is null})
     * @see Runner#run(List)
     */
    public static <T> Results<T> run(List<? extends Task<T>> tasks, RunOptions options) {
        Objects.requireNonNull(options, "options is null");
        DefaultRunner.checkTasks(tasks);
        Providers.checkTasks(Providers.installed().checkOptions(options), tasks);
        try (DefaultRunner runner = new DefaultRunner(options)) {
            return runner.runChecked(tasks);
        }
    }

    /**
     * Runs the same tasks under each strategy in turn, with each strategy's
     * default options, and compares them; see
     * {@link #compare(List, CompareOptions, Strategy...)}.
     *
     * <pre>{@code
     * Comparison c = Concurrency.compare(tasks, Strategy.THREAD, Strategy.VIRTUAL_THREAD);
     * System.out.print(c.table());
     * }</pre>
     *
     * @param tasks      the tasks, run once per strategy (and once more to warm up)
     * @param strategies the strategies, in order; none means every strategy
     * @param <T>        the tasks' result type
     * @return one row per strategy
     * @throws NullPointerException     naming the first null task or strategy
     * @throws IllegalArgumentException if a strategy is given twice
     */
    public static <T> Comparison compare(List<? extends Task<T>> tasks, Strategy... strategies) {
        return compare(tasks, CompareOptions.defaults(), strategies);
    }

    /**
     * Runs the same tasks under each strategy in turn and compares them. For
     * each strategy: a warm-up run (by default of every task; see
     * {@link CompareOptions#warmUp(int)}) whose figures are dropped, a garbage
     * collection, then the measured run, while one daemon thread samples this
     * JVM's heap and resident memory; that thread is joined before the next
     * strategy runs, so no thread outlives this call. A strategy that cannot
     * run the tasks (a direct-style task under {@link Strategy#CALLBACK}, or
     * threads that cannot be created) gets a row saying why, and the others
     * still run; tasks that fail are counted in their strategy's row.
     * Interrupting the caller cancels the running strategy's tasks; the
     * strategies after it get rows saying the comparison was interrupted, and
     * the interrupt status stays set.
     *
     * <pre>{@code
     * Comparison c = Concurrency.compare(tasks,
     *         CompareOptions.of(RunOptions.of(Strategy.THREAD).gil(Gil.python3())).warmUp(10));
     * }</pre>
     *
     * @param tasks      the tasks
     * @param options    the run options of every run, the warm-up and the memory sampling
     * @param strategies the strategies, in order; none means every strategy whose provider is installed (all of
     *                   {@link Strategy#values()} but {@link Strategy#CLUSTER} unless its module is present)
     * @param <T>        the tasks' result type
     * @return one row per strategy, in the order given
     * @throws NullPointerException     naming the first null task or strategy
     * @throws IllegalArgumentException if a strategy is given twice
     */
    public static <T> Comparison compare(List<? extends Task<T>> tasks, CompareOptions options,
                                         Strategy... strategies) {
        Objects.requireNonNull(options, "options is null");
        DefaultRunner.checkTasks(tasks);
        List<Strategy> order = Comparer.strategies(strategies);
        return Comparer.compare(tasks, options, order);
    }

    /**
     * Opens a long-lived runner; close it to release its threads.
     *
     * @param strategy how to run tasks
     * @return the runner
     */
    public static Runner open(Strategy strategy) {
        return open(RunOptions.of(strategy));
    }

    /**
     * Opens a long-lived runner; close it to release its threads.
     *
     * @param options how to run tasks
     * @return the runner
     */
    public static Runner open(RunOptions options) {
        Objects.requireNonNull(options, "options is null");
        return new DefaultRunner(options);
    }

    /**
     * An {@link ExecutorService} that runs each submitted task under a strategy.
     * It owns its threads: shutting it down and awaiting termination (or
     * {@code close()}) releases all of them.
     *
     * @param strategy how to run tasks
     * @return the executor
     */
    public static ExecutorService executor(Strategy strategy) {
        return executor(RunOptions.of(strategy));
    }

    /**
     * An {@link ExecutorService} that runs each submitted task with the given
     * options ({@code maxConcurrency}, {@code taskTimeout}, listener; a
     * deadline and {@code failFast} apply to runs, so the executor ignores them).
     * Every strategy but {@link Strategy#CALLBACK}, which runs only {@link AsyncTask}s,
     * and {@link Strategy#PROCESS}, where a {@code Runnable}'s effects would stay in
     * the worker process (open a {@link Runner} and submit {@link Task}s instead).
     *
     * @param options how to run tasks
     * @return the executor
     */
    public static ExecutorService executor(RunOptions options) {
        Objects.requireNonNull(options, "options is null");
        Providers.installed().checkOptions(options).executorServiceRefusal().ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        return new RunnerExecutorService(options);
    }

    /**
     * Starts a TCP server that runs {@code handler} on each connection it
     * accepts, as a task under the options' strategy: a pool thread per
     * connection under {@link Strategy#THREAD} (when all {@code maxConcurrency}
     * threads are busy it stops accepting until one is free: backpressure, not
     * a queue), a virtual thread per connection, a coroutine per connection on
     * the loops under {@link Strategy#EVENT_LOOP} (each of its {@code loops}
     * accepts), or worker processes that each bind the port with
     * {@code SO_REUSEPORT} and accept on their own under
     * {@link Strategy#PROCESS} (the pre-fork model). A handler that throws has
     * its connection closed and is counted; it never takes the server down. The
     * options' {@link Gil} applies to handlers as to tasks. {@link Strategy#CLUSTER}
     * does not serve: its members may be other machines, not the address's.
     *
     * <pre>{@code
     * try (Server server = Concurrency.serve(new InetSocketAddress("127.0.0.1", 0),
     *         (connection, ctx) -> connection.write(connection.readLine() + "\n"),
     *         RunOptions.of(Strategy.VIRTUAL_THREAD))) {
     *     ...
     * }
     * }</pre>
     *
     * @param address where to listen; port 0 picks a free port ({@link Server#address()})
     * @param handler what to do with each connection
     * @param options the strategy and its settings; under {@link Strategy#CALLBACK}, use
     *                {@link #serveAsync} and an {@link AsyncConnectionHandler}
     * @return the server, listening
     * @throws IOException              if the address cannot be bound (the message names it)
     * @throws IllegalArgumentException if the strategy cannot serve this kind of handler, or is {@link Strategy#CLUSTER}
     */
    public static Server serve(InetSocketAddress address, ConnectionHandler handler, RunOptions options)
            throws IOException {
        return RunningServer.start(address, handler, options);
    }

    /**
     * Starts a TCP server whose handler is written with callbacks: one async
     * task per connection, on the loops under {@link Strategy#CALLBACK} and
     * {@link Strategy#EVENT_LOOP}, on the accepting thread's own loop under the
     * thread strategies. Not under {@link Strategy#PROCESS} or {@link Strategy#CLUSTER}. (It has its own
     * name because a lambda would fit both handler types.)
     *
     * @param address where to listen; port 0 picks a free port
     * @param handler what to do with each connection
     * @param options the strategy and its settings
     * @return the server, listening
     * @throws IOException              if the address cannot be bound (the message names it)
     * @throws IllegalArgumentException under {@link Strategy#PROCESS} or {@link Strategy#CLUSTER}
     */
    public static Server serveAsync(InetSocketAddress address, AsyncConnectionHandler handler, RunOptions options)
            throws IOException {
        return RunningServer.start(address, handler, options);
    }
}
