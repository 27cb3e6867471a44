package dev.concurrency.tests.logging;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What the suite's loggers recorded (INFO and above), newest last. Tests take
 * a {@link #mark()} before they act and look at the events {@link #since}
 * then; {@link #await} waits for an event without sleeping. Only the latest
 * {@value #CAPACITY} events are kept. Thread-safe.
 */
public final class RecordedLogs {

    static final int CAPACITY = 10_000;

    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final Condition RECORDED = LOCK.newCondition();
    /** Guarded by LOCK: events with their sequence numbers. */
    private static final Deque<Numbered> EVENTS = new ArrayDeque<>();
    /** Guarded by LOCK. */
    private static long sequence;
    private static final List<Consumer<LogEvent>> LISTENERS = new CopyOnWriteArrayList<>();

    private RecordedLogs() {
    }

    static void record(LogEvent event) {
        LOCK.lock();
        try {
            EVENTS.addLast(new Numbered(sequence++, event));
            if (EVENTS.size() > CAPACITY) {
                EVENTS.removeFirst();
            }
            RECORDED.signalAll();
        } finally {
            LOCK.unlock();
        }
        for (Consumer<LogEvent> listener : LISTENERS) {
            listener.accept(event);
        }
    }

    /**
     * Tells {@code listener} of each event from now on, on the thread that logs
     * it, until the returned handle is closed. For code that must not block
     * (or take a lock) while it waits for an event.
     *
     * @param listener quick and thread-safe
     * @return closing it stops the events
     */
    public static Listening listen(Consumer<LogEvent> listener) {
        LISTENERS.add(listener);
        return () -> LISTENERS.remove(listener);
    }

    /** A listener's registration; closing it stops the events. */
    @FunctionalInterface
    public interface Listening extends AutoCloseable {
        @Override
        void close();
    }

    /** @return a position to pass to {@link #since} or {@link #await}: events recorded from now on come after it */
    public static long mark() {
        LOCK.lock();
        try {
            return sequence;
        } finally {
            LOCK.unlock();
        }
    }

    /**
     * @param mark from {@link #mark()}
     * @return the events recorded since, oldest first
     */
    public static List<LogEvent> since(long mark) {
        LOCK.lock();
        try {
            List<LogEvent> events = new ArrayList<>();
            for (Numbered n : EVENTS) {
                if (n.number >= mark) {
                    events.add(n.event);
                }
            }
            return events;
        } finally {
            LOCK.unlock();
        }
    }

    /**
     * Waits until an event recorded since {@code mark} matches.
     *
     * @param mark    from {@link #mark()}
     * @param matches what to wait for
     * @param timeout the longest to wait
     * @return the first matching event, or empty if none came in time
     * @throws InterruptedException if interrupted while waiting
     */
    public static Optional<LogEvent> await(long mark, Predicate<LogEvent> matches, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        LOCK.lock();
        try {
            while (true) {
                for (Numbered n : EVENTS) {
                    if (n.number >= mark && matches.test(n.event)) {
                        return Optional.of(n.event);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                RECORDED.await(left, TimeUnit.NANOSECONDS);
            }
        } finally {
            LOCK.unlock();
        }
    }

    private record Numbered(long number, LogEvent event) {
    }
}
