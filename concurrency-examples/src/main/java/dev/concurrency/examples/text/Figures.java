package dev.concurrency.examples.text;

import dev.concurrency.Gil;
import dev.concurrency.GilStats;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.TaskFailedException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The number formats the example programs' tables share, and the median they report. */
public final class Figures {

    /** Shown in a figure's place where it does not apply (GIL figures without a GIL). */
    public static final String NONE = "-";

    private Figures() {
    }

    /** @return {@code value} with {@code decimals} digits after the point */
    public static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** @return {@code value} grouped in thousands: {@code 123,456} */
    public static String grouped(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    /** @return the duration in seconds, 3 decimals */
    public static String seconds(Duration d) {
        return fixed(d.toNanos() / 1e9, 3);
    }

    /** @return the duration in milliseconds without trailing zeros: {@code 5 ms}, {@code 0.1 ms} */
    public static String millis(Duration d) {
        return BigDecimal.valueOf(d.toNanos(), 6).stripTrailingZeros().toPlainString() + " ms";
    }

    /** @return a ratio as the takeaways write it: {@code 1.9x}, {@code 0.52x}, {@code 12x}, {@code 0.004x} */
    public static String times(double ratio) {
        if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
            return "?x";
        }
        if (ratio > 0 && ratio < 0.1) { // one significant digit: 0.004x, not 0.00x
            return new BigDecimal(ratio).round(new MathContext(1)).toPlainString() + "x";
        }
        return (ratio >= 10 ? fixed(ratio, 0) : ratio >= 1 ? fixed(ratio, 1) : fixed(ratio, 2)) + "x";
    }

    /** @return bytes the short way: {@code 812 B}, {@code 1.4 KiB}, {@code 12 MiB} */
    public static String bytes(double bytes) {
        if (Double.isNaN(bytes)) {
            return NONE;
        }
        String[] units = {"B", "KiB", "MiB", "GiB"};
        double value = bytes;
        int unit = 0;
        while (Math.abs(value) >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return (unit == 0 || Math.abs(value) >= 100 ? fixed(value, 0) : fixed(value, 1)) + " " + units[unit];
    }

    /** @return {@code no GIL}, {@code python3, switch 5 ms} or {@code python2, check 100} */
    public static String label(Gil gil) {
        return switch (gil.kind()) {
            case OFF -> "no GIL";
            case PYTHON3 -> "python3, switch " + millis(gil.switchInterval().orElseThrow());
            case PYTHON2 -> "python2, check " + gil.checkInterval().orElseThrow();
        };
    }

    /** @return the GIL's forced drops, switches and wait in seconds; {@link #NONE} each without a GIL */
    public static List<String> gilCells(Gil gil, GilStats stats) {
        if (gil.isOff()) {
            return List.of(NONE, NONE, NONE);
        }
        return List.of(Long.toString(stats.forcedDrops()), Long.toString(stats.switches()), seconds(stats.waitTime()));
    }

    /**
     * @param samples at least one value
     * @return their median (the mean of the middle two for an even count)
     */
    public static double median(double... samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("samples: none (expected: at least one)");
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** @return {@code PASS} or {@code MISS} */
    public static String verdict(boolean passes) {
        return passes ? "PASS" : "MISS";
    }

    /**
     * @param results a run's results
     * @return {@code failed: 3 of 200 tasks: <first error>}, or {@code null} if every task succeeded
     */
    public static String failure(Results<?> results) {
        int failed = 0;
        String first = null;
        for (int i = 0; i < results.size(); i++) {
            Outcome<?> outcome = results.outcome(i);
            if (!outcome.isSuccess()) {
                failed++;
                if (first == null) {
                    first = new TaskFailedException(results.tasks().get(i), outcome).getMessage();
                }
            }
        }
        return failed == 0 ? null : "failed: " + failed + " of " + results.size() + " tasks: " + first;
    }
}
