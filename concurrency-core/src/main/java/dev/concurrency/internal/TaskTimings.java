package dev.concurrency.internal;

import dev.concurrency.GilStats;
import dev.concurrency.TaskTiming;
import java.time.Duration;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A run's per-task timings, kept as offsets in arrays and made into
 * {@link TaskTiming}s only when read: a run of many short tasks does not pay
 * four objects per task for figures nobody may look at. Unmodifiable; {@link
 * dev.concurrency.Stats} keeps it without copying. Thread-safe once built.
 */
public final class TaskTimings extends AbstractList<TaskTiming> implements RandomAccess {

    /** In {@link #started}: the task never began to run. */
    private static final long NEVER = -1;

    private final long[] queued;
    private final long[] started;
    private final long[] ended;
    /** {@code null} when no task had a GIL. */
    private final GilStats[] gil;

    private TaskTimings(long[] queued, long[] started, long[] ended, GilStats[] gil) {
        this.queued = queued;
        this.started = started;
        this.ended = ended;
        this.gil = gil;
    }

    /** Fills a {@link TaskTimings}, one task at a time, in task order. */
    static final class Builder {
        private final long originNanos;
        private final long[] queued;
        private final long[] started;
        private final long[] ended;
        private GilStats[] gil;
        private int size;

        /**
         * @param originNanos the clock reading that offsets count from
         * @param capacity    how many tasks
         */
        Builder(long originNanos, int capacity) {
            this.originNanos = originNanos;
            this.queued = new long[capacity];
            this.started = new long[capacity];
            this.ended = new long[capacity];
        }

        /**
         * @param queuedNanos  when it was handed over
         * @param hasStarted   whether it began to run
         * @param startedNanos when it began, if it did
         * @param endedNanos   when it ended
         * @param gilStats     what its GIL did, or {@link GilStats#NONE}
         */
        void add(long queuedNanos, boolean hasStarted, long startedNanos, long endedNanos, GilStats gilStats) {
            queued[size] = offset(queuedNanos);
            started[size] = hasStarted ? offset(startedNanos) : NEVER;
            ended[size] = offset(endedNanos);
            if (!gilStats.equals(GilStats.NONE)) {
                if (gil == null) {
                    gil = new GilStats[queued.length];
                    java.util.Arrays.fill(gil, GilStats.NONE);
                }
                gil[size] = gilStats;
            }
            size++;
        }

        private long offset(long nanos) {
            return Math.max(0, nanos - originNanos);
        }

        TaskTimings build() {
            if (size != queued.length) {
                throw new IllegalStateException(size + " of " + queued.length + " timings added");
            }
            return new TaskTimings(queued, started, ended, gil);
        }
    }

    @Override
    public TaskTiming get(int index) {
        java.util.Objects.checkIndex(index, queued.length);
        return new TaskTiming(Duration.ofNanos(queued[index]),
                started[index] == NEVER ? null : Duration.ofNanos(started[index]),
                Duration.ofNanos(ended[index]), gil == null ? GilStats.NONE : gil[index]);
    }

    @Override
    public int size() {
        return queued.length;
    }
}
