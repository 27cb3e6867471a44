package dev.concurrency.internal.gil;

import dev.concurrency.Gil;
import dev.concurrency.internal.engine.Decoration;

/**
 * The one place the emulated interpreter lock is applied: one decorator per
 * place the lock lives (a run, or a worker process), which gives each task a
 * {@link Decoration} holding the lock while the task's code runs and wrapping
 * its contexts so that every wait releases it and takes it back. Engines and
 * contexts know nothing of it. This class is thread-safe.
 */
public final class GilDecorator {

    private final GlobalLock lock;

    private GilDecorator(Gil gil) {
        this.lock = new GlobalLock(gil);
    }

    /**
     * @param gil the run's lock setting
     * @return a decorator sharing one new lock, or {@code null} when {@code gil} is off
     */
    public static GilDecorator of(Gil gil) {
        return gil.isOff() ? null : new GilDecorator(gil);
    }

    /** @return the decoration of one more task sharing this lock */
    public Decoration newTask() {
        return new GilTask(lock.newHolder());
    }

    /** @return the lock's kind */
    public Gil gil() {
        return lock.gil();
    }
}
