package dev.concurrency.testkit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Watches tasks from the inside: how often each ran, how many ran at once,
 * and which threads ran them (for an async task, the thread that started it).
 * Give one to {@link TaskSpecs#toTasks(java.util.List, Probe)} or
 * {@link TaskSpecs#toAsyncTasks(java.util.List, Probe)}.
 * This class is thread-safe.
 */
public final class Probe {

    private final AtomicIntegerArray runs;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    /**
     * @param tasks how many tasks it watches
     */
    public Probe(int tasks) {
        this.runs = new AtomicIntegerArray(tasks);
    }

    /**
     * Called by task {@code index} as it begins.
     *
     * @param index the task's position
     */
    public void enter(int index) {
        runs.incrementAndGet(index);
        threads.add(Thread.currentThread());
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    /** Called by a task as it ends, however it ends. */
    public void exit() {
        inFlight.decrementAndGet();
    }

    /**
     * @param index a task's position
     * @return how many times that task began to run
     */
    public int runs(int index) {
        return runs.get(index);
    }

    /** @return how many tasks have entered and not exited: 0 once every watched task has ended */
    public int inFlight() {
        return inFlight.get();
    }

    /** @return the most tasks seen running at once */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** @return every thread that ran a task */
    public Set<Thread> threads() {
        return Set.copyOf(threads);
    }
}
