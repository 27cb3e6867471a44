package dev.concurrency;

/**
 * A concurrency model: how the tasks of a run are executed.
 *
 * <table>
 *   <caption>Strategies</caption>
 *   <tr><th>strategy</th><th>how a task runs</th><th>what its waits do</th><th>at once, by default</th></tr>
 *   <tr><td>{@link #PROCESS}</td><td>in a pool of worker JVMs</td><td>block that worker</td>
 *       <td>one per available processor ({@link RunOptions#workers(int)})</td></tr>
 *   <tr><td>{@link #THREAD}</td><td>on a pool of platform threads</td><td>block the OS thread</td>
 *       <td>{@value RunOptions#DEFAULT_THREAD_POOL_SIZE} ({@link RunOptions#maxConcurrency(int)})</td></tr>
 *   <tr><td>{@link #VIRTUAL_THREAD}</td><td>on a virtual thread of its own</td><td>park the virtual thread</td>
 *       <td>all of them</td></tr>
 *   <tr><td>{@link #EVENT_LOOP}</td><td>as a coroutine of a selector loop</td><td>suspend the coroutine;
 *       the loop runs others</td><td>all of them, one at a time per loop</td></tr>
 *   <tr><td>{@link #CALLBACK}</td><td>as a chain of callbacks on a selector loop</td><td>nothing blocks:
 *       each wait is a stage</td><td>all of them, one callback at a time per loop</td></tr>
 *   <tr><td>{@link #CLUSTER}</td><td>on the members of a Hazelcast cluster</td><td>block that member's thread</td>
 *       <td>members &times; their executor pool size</td></tr>
 * </table>
 *
 * <p>Each strategy is run by a {@link dev.concurrency.spi.StrategyProvider},
 * found through {@link java.util.ServiceLoader}.
 *
 * <p>Immutable and thread-safe.
 */
public enum Strategy {

    /**
     * A pool of worker JVMs, as Python's {@code ProcessPoolExecutor}: each task
     * is serialized, run in a worker (one task at a time per worker) and its
     * result or exception serialized back. Workers start from this JVM's own
     * {@code java}, class path and flags, are reused across tasks, and exit
     * when this JVM does. {@link RunOptions#workers(int)} sets how many (by
     * default one per available processor). Tasks and their results must be
     * {@link java.io.Serializable}; a task or result that is not fails that task
     * with a message naming the class. A worker that dies fails only its task,
     * with a {@link WorkerCrashedException}, and is replaced; a timed-out or
     * cancelled task's worker is killed and replaced.
     */
    PROCESS("dev.concurrency:concurrency-core"),

    /**
     * Platform threads from a pool owned by the run. The pool holds
     * {@link RunOptions#maxConcurrency(int) maxConcurrency} threads, by default
     * {@value RunOptions#DEFAULT_THREAD_POOL_SIZE}; further tasks wait in
     * input order for a free thread.
     */
    THREAD("dev.concurrency:concurrency-core"),

    /** A new virtual thread for each task; unbounded unless {@code maxConcurrency} is set. */
    VIRTUAL_THREAD("dev.concurrency:concurrency-core"),

    /**
     * Each task as a coroutine of an event loop: a thread that owns an NIO
     * selector and runs one task at a time; every wait of the task's context
     * suspends it and the loop runs others, as asyncio and gevent do.
     * {@link RunOptions#loops(int)} sets how many loops (default 1). Start the
     * JVM with {@code --add-opens java.base/java.lang=ALL-UNNAMED} for the fast
     * coroutines (virtual threads scheduled by the loop); without it a slower
     * fallback with the same behaviour runs, and a log line says so.
     */
    EVENT_LOOP("dev.concurrency:concurrency-core"),

    /**
     * {@link AsyncTask}s on the same kind of event loop, driven by callbacks
     * as Twisted and Tornado programs are: each wait is a stage that
     * completes on the loop thread, so every callback runs there. Runs only
     * {@code AsyncTask}s; a direct-style {@link Task} is rejected before
     * anything runs.
     */
    CALLBACK("dev.concurrency:concurrency-core"),

    /**
     * The members of a Hazelcast cluster, from the module
     * {@code dev.concurrency:concurrency-hazelcast} (its provider is found
     * through {@link java.util.ServiceLoader}; without it a run fails, naming
     * the artifact). By default the run starts its own cluster of member JVMs on
     * the loopback interface, started as {@link #PROCESS} starts its workers,
     * and stops it at the end; that module's {@code ClusterOptions} set how many
     * members, their pool size, at-least-once delivery, or an existing cluster to
     * connect to. As under {@code PROCESS}, tasks and results must be
     * {@link java.io.Serializable}, and each member keeps its own interpreter lock.
     */
    CLUSTER("dev.concurrency:concurrency-hazelcast");

    private final String artifact;

    Strategy(String artifact) {
        this.artifact = artifact;
    }

    /**
     * The artifact whose {@link dev.concurrency.spi.StrategyProvider} runs this
     * strategy; a run under a strategy whose provider is missing fails, naming it.
     *
     * @return Maven coordinates without a version, e.g. {@code dev.concurrency:concurrency-core}
     */
    public String artifact() {
        return artifact;
    }
}
