package dev.concurrency.internal.gil;

import dev.concurrency.Gil;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The emulated interpreter lock of one run (or runner). Tasks hold it through
 * their {@link GilHolder}. Waiting for it is not interruptible: task code
 * always runs holding it, and a cancelled task learns of its cancellation once
 * it has it back, at its next wait or checkpoint.
 *
 * <pre>
 *  python3 (forced switching, CPython 3.2+)
 *  ----------------------------------------------------------------------------
 *  waiter   waits up to the switch interval; if the lock has not changed hands
 *           meanwhile it sets dropRequest (what CPython calls gil_drop_request)
 *  holder   at its next checkpoint sees dropRequest (one volatile read), drops
 *           the lock and does not take it back before another waiter has had it
 *
 *  python2 (check interval)
 *  ----------------------------------------------------------------------------
 *  holder   every N checkpoints releases the lock, signals one waiter and at
 *           once competes to take it back; on two cores it usually wins, and
 *           the woken waiter goes back to sleep: the convoy that made CPU-bound
 *           threads slower than one thread
 * </pre>
 *
 * This class is thread-safe.
 */
public final class GlobalLock {

    private final Gil gil;
    private final long switchIntervalNanos;
    private final int checkInterval;
    private final ReentrantLock mutex = new ReentrantLock();
    private final Condition released = mutex.newCondition();

    /** Guarded by {@link #mutex}. */
    private GilHolder owner;
    /** Guarded by {@link #mutex}: the last holder, to count switches. */
    private GilHolder previous;
    /** Guarded by {@link #mutex}: a holder that dropped on request and must let another in first. */
    private GilHolder mustYield;
    /** Guarded by {@link #mutex}. */
    private int waiters;
    /** Guarded by {@link #mutex}: changes each time the lock is taken. */
    private long takes;
    /** Read by holders at each checkpoint (python3). */
    private volatile boolean dropRequest;

    /**
     * @param gil which lock; not {@link Gil#off()}
     */
    public GlobalLock(Gil gil) {
        if (gil.isOff()) {
            throw new IllegalArgumentException("gil: " + gil + " (expected: python3 or python2)");
        }
        this.gil = gil;
        this.switchIntervalNanos = gil.switchInterval().map(Duration::toNanos).orElse(0L);
        this.checkInterval = gil.checkInterval().orElse(0);
    }

    /** @return a holder for one task */
    public GilHolder newHolder() {
        return new GilHolder(this);
    }

    /** @return the lock's kind */
    public Gil gil() {
        return gil;
    }

    void acquire(GilHolder holder) {
        long start = System.nanoTime();
        mutex.lock();
        try {
            waiters++;
            while (owner != null || (mustYield == holder && waiters > 1)) {
                if (gil.kind() == Gil.Kind.PYTHON3 && owner != null) {
                    long seen = takes;
                    if (awaitNanos(switchIntervalNanos) <= 0 && owner != null && takes == seen) {
                        dropRequest = true;
                    }
                } else {
                    released.awaitUninterruptibly();
                }
            }
            waiters--;
            take(holder);
        } finally {
            mutex.unlock();
        }
        holder.took(start);
    }

    private long awaitNanos(long nanos) {
        boolean interrupted = false;
        long left;
        while (true) {
            try {
                left = released.awaitNanos(nanos);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return left;
    }

    private void take(GilHolder holder) {
        owner = holder;
        takes++;
        if (mustYield != null && mustYield != holder) {
            mustYield = null;
            released.signalAll(); // the holder that made way waits untimed: it now waits as any waiter, asking for drops
        }
        if (previous != null && previous != holder) {
            holder.switched();
        }
        previous = holder;
    }

    void release(GilHolder holder, boolean forced) {
        mutex.lock();
        try {
            if (owner != holder) {
                throw new IllegalStateException("the GIL is not held by this task");
            }
            owner = null;
            if (forced && gil.kind() == Gil.Kind.PYTHON3) {
                dropRequest = false;
                mustYield = holder;
            }
            if (gil.kind() == Gil.Kind.PYTHON3) {
                released.signalAll();
            } else {
                released.signal();
            }
        } finally {
            mutex.unlock();
        }
    }

    /** The switch point; called by the holder. */
    void checkpoint(GilHolder holder) {
        if (gil.kind() == Gil.Kind.PYTHON3) {
            if (!dropRequest) {
                return;
            }
        } else if (!holder.tick(checkInterval)) {
            return;
        }
        holder.dropping();
        holder.release(true);
        holder.acquire();
    }

    @Override
    public String toString() {
        return "GlobalLock[" + gil + "]";
    }
}
