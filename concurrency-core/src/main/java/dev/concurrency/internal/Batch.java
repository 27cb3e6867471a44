package dev.concurrency.internal;

import dev.concurrency.ChildTiming;
import dev.concurrency.GilStats;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.Stats;
import dev.concurrency.Task;
import dev.concurrency.TaskInfo;
import dev.concurrency.TaskTiming;
import dev.concurrency.WorkerStats;
import dev.concurrency.internal.engine.Execution;
import dev.concurrency.spi.RemoteFigures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@code run(tasks)} call: its executions, the latch its caller waits on,
 * fail-fast and the deadline, and the figures that become its {@link Stats}.
 * Thread-safe: its callbacks come from the threads that run its tasks.
 */
final class Batch<T> implements Completion<T> {

    /** The first tasks of a batch whose starts all count the engine's threads, for {@link Stats#peakThreads()}. */
    private static final int PEAK_EVERY_START = 64;
    /** Past those, one start in this many counts them. */
    private static final int PEAK_SAMPLE_STRIDE = 1_024;

    private final TaskScheduler scheduler;
    private final List<Execution<T>> executions;
    private final CountDownLatch remaining;
    private final AtomicInteger peakThreads = new AtomicInteger();
    /** The children the tasks spawned, as they ended. */
    private final Queue<ChildTiming> children = new ConcurrentLinkedQueue<>();
    private final long startNanos;
    /** Where this batch's steps begin in a simulated run's trace. */
    private final int traceFrom;
    private final long startCpuNanos;
    /** The engine's count of tasks run again, when the run started. */
    private final long startReruns;

    Batch(TaskScheduler scheduler, List<? extends Task<T>> tasks) {
        this.scheduler = scheduler;
        // the whole batch is handed over at once: one reading of the clock
        this.executions = scheduler.prepareAll(tasks, this, scheduler.nanoTime());
        this.remaining = new CountDownLatch(tasks.isEmpty() ? 0 : 1);
        RemoteFigures remote = scheduler.remoteFigures();
        this.startCpuNanos = CpuClock.processCpuNanos() + remote.cpuNanos();
        this.startReruns = remote.reruns();
        this.startNanos = scheduler.nanoTime();
        this.traceFrom = scheduler.traceLength();
    }

    /**
     * Runs every task and waits for all of them to end.
     *
     * @return their outcomes and the figures
     */
    Results<T> run() {
        Runnable deadline;
        Runnable release = scheduler.hold();
        try {
            scheduler.submit(executions);
            // armed once accepted, so that it never ends a task the scheduler has not taken; it counts from the start
            deadline = scheduler.options().deadline()
                    .map(limit -> scheduler.after(() -> expire(limit),
                            limit.minusNanos(scheduler.nanoTime() - startNanos), true))
                    .orElse(null);
        } finally {
            release.run();
        }
        boolean interrupted = false;
        while (true) {
            try {
                remaining.await();
                break;
            } catch (InterruptedException e) {
                if (!interrupted) {
                    cancelAll();
                    interrupted = true;
                }
            }
        }
        long wall = endNanos() - startNanos;
        RemoteFigures remote = scheduler.remoteFigures();
        long cpu = CpuClock.processCpuNanos() + remote.cpuNanos() - startCpuNanos;
        List<WorkerStats> workers = remote.workers();
        if (deadline != null) {
            deadline.run();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return results(wall, cpu, workers, Math.max(0, remote.reruns() - startReruns));
    }

    /**
     * @return when the run ended: now, or in a simulated run the virtual time its last task ended (the
     *         clock may move on after, as deliveries and timers of ended tasks come due)
     */
    private long endNanos() {
        if (!scheduler.isSimulated()) {
            return scheduler.nanoTime();
        }
        long end = startNanos;
        for (Execution<T> e : executions) {
            if (e.endedNanos() - end > 0) {
                end = e.endedNanos();
            }
        }
        return end;
    }

    @Override
    public void started(Execution<T> execution) {
        int index = execution.index();
        if (index >= PEAK_EVERY_START && index % PEAK_SAMPLE_STRIDE != 0) {
            return; // a large batch: counting the engine's threads at every start would cost more than its tasks
        }
        int live = scheduler.liveThreads();
        for (int peak = peakThreads.get(); live > peak; peak = peakThreads.get()) {
            if (peakThreads.compareAndSet(peak, live)) {
                return;
            }
        }
    }

    @Override
    public void ended(Execution<T> execution) {
        if (scheduler.options().isFailFast() && execution.outcome() instanceof Outcome.Failure<T>) {
            cancelAll();
        }
    }

    @Override
    public void allEnded() {
        remaining.countDown();
    }

    @Override
    public void childEnded(Execution<T> parent, Execution<?> child) {
        children.add(new ChildTiming(parent.info(), child.info(), new TaskTiming(since(child.queuedNanos()),
                child.hasStarted() ? since(child.startedNanos()) : null, since(child.endedNanos()), child.gilStats())));
    }

    private void cancelAll() {
        cancel(new Outcome.Cancelled<>(), "its run's cancellation");
    }

    private void expire(Duration limit) {
        cancel(new Outcome.TimedOut<>(limit), "its run's deadline");
    }

    /**
     * Forbids every task to start, then ends the tasks not started, then the
     * running ones: a permit freed meanwhile (a task ending by itself, or
     * stopped) must not start a waiting one, after the deadline and out of order.
     */
    private void cancel(Outcome<T> ifRunning, String why) {
        // a simulated loop stays still meanwhile: it sees every task's wake-up at once, not the first ones only
        // (and moves its clock on, as if the others still slept)
        Runnable release = scheduler.hold();
        try {
            for (Execution<T> execution : executions) {
                execution.forbidStart();
            }
            for (Execution<T> execution : executions) {
                execution.endIfNotStarted(new Outcome.Cancelled<>());
            }
            for (Execution<T> execution : executions) {
                if (execution.cancel(ifRunning, new Outcome.Cancelled<>())) {
                    scheduler.abandonLater(execution, why);
                }
            }
        } finally {
            release.run();
        }
    }

    private Results<T> results(long wallNanos, long cpuNanos, List<WorkerStats> workers, long reruns) {
        List<TaskInfo> infos = new ArrayList<>(executions.size());
        List<Outcome<T>> outcomes = new ArrayList<>(executions.size());
        TaskTimings.Builder timings = new TaskTimings.Builder(startNanos, executions.size());
        GilStats gil = GilStats.NONE;
        int abandoned = 0;
        for (Execution<T> e : executions) {
            if (e.wasAbandoned()) {
                abandoned++;
            }
            infos.add(e.info());
            outcomes.add(e.outcome());
            GilStats taskGil = e.gilStats();
            gil = gil.plus(taskGil);
            timings.add(e.queuedNanos(), e.hasStarted(), e.startedNanos(), e.endedNanos(), taskGil);
        }
        Stats stats = new Stats(Duration.ofNanos(wallNanos), Duration.ofNanos(Math.max(0, cpuNanos)),
                timings.build(), peakThreads.get(), gil, workers, abandoned, List.copyOf(children), reruns);
        return new Results<>(infos, outcomes, stats, scheduler.trace(traceFrom));
    }

    private Duration since(long nanos) {
        return Duration.ofNanos(Math.max(0, nanos - startNanos));
    }
}
