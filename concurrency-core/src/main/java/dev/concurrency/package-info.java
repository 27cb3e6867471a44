/**
 * Run the same tasks under every classic concurrency model and measure what
 * each costs.
 *
 * <p>A {@link dev.concurrency.Task} is written once, against a
 * {@link dev.concurrency.TaskContext} whose waits ({@code sleep}, sockets,
 * {@code await}, {@code checkpoint}) each {@link dev.concurrency.Strategy}
 * carries out its own way; an {@link dev.concurrency.AsyncTask} is the
 * callback-style form. {@link dev.concurrency.Concurrency} runs a list of
 * tasks and returns {@link dev.concurrency.Results} (one
 * {@link dev.concurrency.Outcome} per task, and the run's
 * {@link dev.concurrency.Stats}), opens a long-lived
 * {@link dev.concurrency.Runner}, offers a strategy as an
 * {@link java.util.concurrent.ExecutorService}, and compares strategies side
 * by side ({@link dev.concurrency.Comparison}).
 * {@link dev.concurrency.RunOptions} sets limits, timeouts, an emulated
 * interpreter lock ({@link dev.concurrency.Gil}) and strategy-specific
 * settings.
 *
 * <pre>{@code
 * List<Task<String>> tasks = ...;
 * Results<String> results = Concurrency.run(tasks, Strategy.VIRTUAL_THREAD);
 * List<String> values = results.values();   // throws if any task did not succeed
 * }</pre>
 *
 * <p>Options, results and outcomes are immutable; each type says whether it is
 * thread-safe.
 */
package dev.concurrency;
