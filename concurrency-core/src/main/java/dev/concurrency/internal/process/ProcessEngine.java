package dev.concurrency.internal.process;

import dev.concurrency.Gil;
import dev.concurrency.ProcessOptions;
import dev.concurrency.WorkerStats;
import dev.concurrency.internal.engine.ThreadTracker;
import dev.concurrency.spi.Engine;
import dev.concurrency.spi.EngineSetup;
import dev.concurrency.spi.RemoteFigures;
import dev.concurrency.spi.TaskExecution;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link dev.concurrency.Strategy#PROCESS}: a pool of worker JVMs, one
 * {@link WorkerSlot} (a platform thread of this JVM) per worker. The scheduler
 * admits at most as many tasks as there are slots, so each execution handed
 * to {@link #start} finds a slot soon. Slots start as tasks need them, up to
 * {@code workers}: a large {@code workers(n)} costs nothing until n tasks run
 * at once, and a slot thread that cannot start fails only the task that
 * needed it (when no other slot can take it).
 *
 * <p>A worker that cannot start fails its task with the worker's own error.
 * If no worker of this engine has ever started, the engine counts as broken
 * (a bad JVM flag, a missing class path): every later task fails at once
 * with the same error, instead of each launching a JVM that cannot start.
 *
 * <p>Shutting down tells each slot to close its worker once the queue is
 * empty; {@link #awaitTermination} returns when every slot and stderr reader
 * thread has ended, and a slot ends only once its worker process has exited.
 */
final class ProcessEngine implements Engine {

    private static final Logger log = LoggerFactory.getLogger(ProcessEngine.class);
    private static final Object STOP = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final ThreadTracker threads;
    private final List<String> userFlags;
    private final boolean explicitClassPath;
    /** Grows as tasks from other locations arrive (unless the user set it); replaced, never mutated. */
    private volatile WorkerClassPath classPath;
    private final Gil gil;
    private final ClassDataCache classDataCache;
    private final int maxTasksPerWorker;
    private final int slots;
    private final AtomicInteger workerIds = new AtomicInteger();
    private final Set<WorkerProcess> live = ConcurrentHashMap.newKeySet();
    private final AtomicLong retiredCpuNanos = new AtomicLong();
    /** Slots started, and executions queued or running; guarded by {@code this}. */
    private int startedSlots;
    private int outstanding;
    private volatile boolean anyReady;
    private volatile WorkerStartException broken;

    /**
     * @param setup the runner's options and thread names
     */
    ProcessEngine(EngineSetup setup) {
        ProcessOptions options = setup.option(ProcessOptions.class, ProcessOptions.defaults());
        this.threads = new ThreadTracker(Thread.ofPlatform().daemon(true)
                .name(setup.threadNamePrefix() + "process-", 0));
        this.userFlags = options.workerJvmFlags();
        this.explicitClassPath = options.workerClassPath().isPresent();
        this.classPath = WorkerClassPath.discover(options.workerClassPath());
        this.gil = setup.options().gil();
        this.classDataCache = ClassDataCache.of(options);
        this.maxTasksPerWorker = options.maxTasksPerWorker().orElse(Integer.MAX_VALUE);
        this.slots = workers(options);
    }

    /**
     * @param options a runner's process options
     * @return how many worker processes it has
     */
    static int workers(ProcessOptions options) {
        return options.workers().orElse(Runtime.getRuntime().availableProcessors());
    }

    @Override
    public void start(TaskExecution<?> execution) {
        queue.add(execution);
        Throwable cause;
        synchronized (this) {
            outstanding++;
            if (outstanding <= startedSlots || startedSlots >= slots) {
                return; // a started slot will take it
            }
            try {
                threads.start(new WorkerSlot(this));
                startedSlots++;
                return;
            } catch (OutOfMemoryError | RuntimeException e) { // "unable to create native thread", or a thread limit
                if (startedSlots > 0) {
                    log.warn("{}: cannot start another PROCESS slot thread ({}); it waits for one of the {} started",
                            execution.info(), e.toString(), startedSlots);
                    return;
                }
                outstanding--;
                if (!queue.remove(execution)) {
                    return;
                }
                cause = e;
            }
        }
        execution.failToStart(new IllegalStateException(execution.info()
                + ": PROCESS cannot start a thread to serve its worker process (" + cause
                + "); free some threads or memory", cause));
    }

    /** A slot has finished an execution. */
    synchronized void finished() {
        outstanding--;
    }

    @Override
    public boolean ownsCurrentThread() {
        return threads.ownsCurrentThread();
    }

    @Override
    public int liveThreads() {
        return threads.liveCount();
    }

    @Override
    public synchronized void shutdown() {
        for (int i = 0; i < startedSlots; i++) {
            queue.add(STOP);
        }
    }

    @Override
    public boolean awaitTermination(long timeoutNanos) throws InterruptedException {
        return threads.joinAll(System.nanoTime() + timeoutNanos);
    }

    @Override
    public RemoteFigures remoteFigures() {
        long cpu = retiredCpuNanos.get();
        for (WorkerProcess w : live) {
            cpu += w.cpuNanos();
        }
        List<WorkerStats> workers = live.stream().map(WorkerProcess::stats)
                .sorted(Comparator.comparingInt(WorkerStats::id)).toList();
        return new RemoteFigures(cpu, workers);
    }

    /** @return the next execution for a slot, or {@code null} once shut down */
    TaskExecution<?> nextExecution() {
        while (true) {
            try {
                Object next = queue.take();
                return next == STOP ? null : (TaskExecution<?>) next;
            } catch (InterruptedException e) {
                // slots are not interrupted by the library; keep serving
            }
        }
    }

    /**
     * @param taskClass the class of a task about to run
     * @return the class path a worker needs for it: the runner's, with the task's location added if it lacked it
     */
    WorkerClassPath classPathFor(Class<?> taskClass) {
        if (explicitClassPath) {
            return classPath;
        }
        WorkerClassPath now = classPath;
        WorkerClassPath needed = now.with(taskClass);
        if (needed != now) {
            synchronized (this) {
                classPath = needed = classPath.with(taskClass);
            }
            log.debug("PROCESS workers' class path gains {}'s location: {}", taskClass.getName(), needed);
        }
        return needed;
    }

    /**
     * @param needed the class path the worker needs at least
     * @return a new worker process, not yet ready
     */
    WorkerProcess launch(WorkerClassPath needed) throws IOException {
        WorkerStartException failure = broken;
        if (failure != null) {
            throw new WorkerStartException(failure.getMessage());
        }
        WorkerClassPath path = classPath.covers(needed) ? classPath : needed;
        ClassDataCache.Plan plan = classDataCache.plan(WorkerCommand.build(userFlags, path), path);
        List<String> flags = userFlags;
        if (!plan.flags().isEmpty()) { // before the user's, so that their -Xlog settings win
            flags = new ArrayList<>(plan.flags());
            flags.addAll(userFlags);
        }
        try {
            return WorkerProcess.launch(workerIds.incrementAndGet(), WorkerCommand.build(flags, path), path,
                    explicitClassPath, threads, plan.making());
        } catch (IOException | RuntimeException e) {
            if (plan.making() != null) {
                plan.making().workerExited(-1);
            }
            throw e;
        }
    }

    void ready(WorkerProcess worker) {
        anyReady = true;
        live.add(worker);
    }

    void startFailed(WorkerStartException e) {
        if (!anyReady) {
            broken = e;
        }
    }

    void retired(WorkerProcess worker) {
        if (live.remove(worker)) {
            retiredCpuNanos.addAndGet(worker.cpuNanos());
        }
    }

    Gil gil() {
        return gil;
    }

    int maxTasksPerWorker() {
        return maxTasksPerWorker;
    }
}
