package dev.concurrency.internal.eventloop;

/**
 * An action due on a loop at a {@link System#nanoTime()} deadline. Cancelling
 * only marks it; the loop drops it when it comes due. Accessed only on its loop.
 */
final class LoopTimer implements Comparable<LoopTimer> {

    final long deadline;
    private final long sequence;
    private Runnable action;

    LoopTimer(long deadline, long sequence, Runnable action) {
        this.deadline = deadline;
        this.sequence = sequence;
        this.action = action;
    }

    /** @return what it runs; {@code null} once cancelled or fired */
    Runnable action() {
        return action;
    }

    /** Drops the action; the timer fires as a no-op. */
    void cancel() {
        action = null;
    }

    boolean isCancelled() {
        return action == null;
    }

    /** Runs the action, once. */
    void fire() {
        Runnable a = action;
        action = null;
        if (a != null) {
            a.run();
        }
    }

    @Override
    public int compareTo(LoopTimer other) {
        int byDeadline = Long.compare(deadline - other.deadline, 0);
        return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
    }
}
