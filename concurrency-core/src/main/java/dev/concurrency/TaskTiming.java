package dev.concurrency;

import java.time.Duration;
import java.util.Optional;

/**
 * When one task was queued, started and ended, as offsets from the start of
 * its run.
 *
 * <p>Immutable and thread-safe.
 *
 * @param queued  when the task was handed to the strategy
 * @param started when it began to run; {@code null} if it never did (cancelled first)
 * @param ended   when it ended
 * @param gil     what the emulated interpreter lock did for this task; {@link GilStats#NONE} without one
 */
public record TaskTiming(Duration queued, Duration started, Duration ended, GilStats gil) {

    /**
     * A timing without a GIL.
     *
     * @param queued  when the task was handed to the strategy
     * @param started when it began to run, or {@code null}
     * @param ended   when it ended
     */
    public TaskTiming(Duration queued, Duration started, Duration ended) {
        this(queued, started, ended, GilStats.NONE);
    }

    /** {@return when the task began to run, if it did} */
    public Optional<Duration> startedAt() {
        return Optional.ofNullable(started);
    }

    /** {@return how long the task waited before it started (until it ended, if it never started)} */
    public Duration queueTime() {
        return (started == null ? ended : started).minus(queued);
    }

    /** {@return how long the task ran; zero if it never started} */
    public Duration runTime() {
        return started == null ? Duration.ZERO : ended.minus(started);
    }
}
