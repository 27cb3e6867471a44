package dev.concurrency.internal.compare;

import dev.concurrency.ComparisonRow;
import dev.concurrency.Gil;
import dev.concurrency.Stats;
import dev.concurrency.Strategy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes the {@link ComparisonRow} of a measured run, with its latency
 * percentiles computed here from every task's timing ({@link Percentiles}):
 * the row itself only holds them.
 */
public final class Rows {

    private Rows() {
    }

    /**
     * The row of a run that took place.
     *
     * @param label        the row's label (the strategy's name, unless relabelled)
     * @param strategy     the strategy
     * @param gil          the lock it ran under, {@link Gil#off()} for none
     * @param stats        the run's figures, whose task timings give the percentiles
     * @param memory       this JVM's memory during the run
     * @param failures     how many tasks did not succeed, {@code >= 0}
     * @param firstFailure what happened to the first of them; {@code null} if none
     * @return the row, with the nearest-rank p50 and p99 of the tasks' latencies (zero without tasks)
     * @throws IllegalArgumentException if {@code failures} is negative, or not zero while {@code firstFailure} is null
     */
    public static ComparisonRow measured(String label, Strategy strategy, Gil gil, Stats stats,
                                         ComparisonRow.Memory memory, int failures, String firstFailure) {
        Objects.requireNonNull(stats, "stats is null");
        long[] latencies = Percentiles.latencyNanos(stats.tasks());
        return new ComparisonRow(label, strategy, gil, Optional.of(stats), memory, failures,
                Optional.ofNullable(firstFailure), Optional.empty(),
                Duration.ofNanos(Percentiles.nearestRank(latencies, 50)),
                Duration.ofNanos(Percentiles.nearestRank(latencies, 99)));
    }
}
