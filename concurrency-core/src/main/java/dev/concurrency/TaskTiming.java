package dev.concurrency;

import java.time.Duration;
import java.util.Optional;

/**
 * When one task was queued, started and ended, as offsets from the start of
 * its run.
 *
 * @param queued  when the task was handed to the strategy
 * @param started when it began to run; {@code null} if it never did (cancelled first)
 * @param ended   when it ended
 */
public record TaskTiming(Duration queued, Duration started, Duration ended) {

    /** @return when the task began to run, if it did */
    public Optional<Duration> startedAt() {
        return Optional.ofNullable(started);
    }

    /** @return how long the task waited before it started (until it ended, if it never started) */
    public Duration queueTime() {
        return (started == null ? ended : started).minus(queued);
    }

    /** @return how long the task ran; zero if it never started */
    public Duration runTime() {
        return started == null ? Duration.ZERO : ended.minus(started);
    }
}
