package dev.concurrency.examples.bench;

import dev.concurrency.examples.text.Figures;
import dev.concurrency.examples.text.Table;
import java.util.Locale;

/**
 * The one table shape of {@link Perf}: per row what is measured, its unit,
 * cold (the first run in a fresh JVM), warm (the median of the passes), the
 * bare-JDK baseline measured in the same run, the ratio, the target and the
 * verdict. NaN stands for a figure that was not measured ({@code -}).
 *
 * <p>Not thread-safe; build it on one thread.
 */
final class PerfTable {

    static final String[] HEADER = {"what", "unit", "cold", "warm", "baseline", "ratio", "target", "verdict"};

    /** What a row must reach. */
    enum Kind { NONE, RATIO_AT_MOST, RATIO_AT_LEAST, AT_MOST, COMPLETED }

    /**
     * A row's goal.
     *
     * @param kind  what is compared
     * @param bound the ratio or the figure it is compared with
     * @param text  how the table shows it
     */
    record Target(Kind kind, double bound, String text) {

        static final Target NONE = new Target(Kind.NONE, Double.NaN, Figures.NONE);
        static final Target COMPLETED = new Target(Kind.COMPLETED, Double.NaN, "completes");

        /** @return ratio (measured over baseline) at most {@code bound} */
        static Target ratioAtMost(double bound) {
            return new Target(Kind.RATIO_AT_MOST, bound, "<= " + Figures.fixed(bound, 2) + "x");
        }

        /** @return ratio (measured over baseline) at least {@code bound} */
        static Target ratioAtLeast(double bound) {
            return new Target(Kind.RATIO_AT_LEAST, bound, ">= " + Figures.fixed(bound, 2) + "x");
        }

        /** @return the measured figure itself at most {@code bound} */
        static Target atMost(double bound) {
            return new Target(Kind.AT_MOST, bound, "<= " + figure(bound));
        }

        /**
         * @return {@code PASS}, {@code MISS}, or {@code -} without a target: a ratio target judges the ratio;
         *         a bound on the figure itself holds for the cold and the warm figure both, where measured
         */
        String verdict(double cold, double warm, double ratio) {
            return switch (kind) {
                case NONE -> Figures.NONE;
                case RATIO_AT_MOST -> Figures.verdict(ratio <= bound);
                case RATIO_AT_LEAST -> Figures.verdict(ratio >= bound);
                case AT_MOST -> Figures.verdict((Double.isNaN(cold) || cold <= bound)
                        && (Double.isNaN(warm) || warm <= bound) && !(Double.isNaN(cold) && Double.isNaN(warm)));
                case COMPLETED -> Figures.verdict(!Double.isNaN(cold) || !Double.isNaN(warm));
            };
        }
    }

    private final Table table;
    private int failures;
    private int misses;

    /** @param title the line above the table: what runs, how often, what the baselines are */
    PerfTable(String title) {
        this.table = new Table(title, HEADER);
    }

    /**
     * Adds a row. Its ratio is the warm figure (the cold one where there is no
     * warm one) over the baseline; the verdict judges that ratio, or for a
     * bound on the figure itself both figures (see {@link Target#verdict}).
     *
     * @return this table
     */
    PerfTable row(String what, String unit, double cold, double warm, double baseline, Target target) {
        double value = Double.isNaN(warm) ? cold : warm;
        return row(what, unit, cold, warm, baseline, value / baseline, target);
    }

    /**
     * Adds a row of paired passes: pass {@code i} of the library and of the
     * baseline ran one after the other. Warm and baseline are their medians;
     * the ratio is the median of the passes' own ratios, so that the machine
     * slowing down or speeding up between passes (a shared host) moves both
     * sides of a pair alike rather than the ratio.
     *
     * @return this table
     */
    PerfTable pairedRow(String what, String unit, double cold, double[] library, double[] baseline, Target target) {
        double[] ratios = new double[library.length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = library[i] / baseline[i];
        }
        return row(what, unit, cold, Figures.median(library), Figures.median(baseline), Figures.median(ratios),
                target);
    }

    private PerfTable row(String what, String unit, double cold, double warm, double baseline, double ratio,
                          Target target) {
        String verdict = target.verdict(cold, warm, ratio);
        if (verdict.equals(Figures.verdict(false))) {
            misses++;
        }
        table.row(what, unit, figure(cold), figure(warm), figure(baseline),
                Double.isNaN(ratio) || Double.isInfinite(ratio) ? Figures.NONE : Figures.fixed(ratio, 2) + "x",
                target.text(), verdict);
        return this;
    }

    /**
     * Adds a row that could not be measured.
     *
     * @return this table
     */
    PerfTable failed(String what, String why) {
        table.note(what, "failed: " + why);
        failures++;
        return this;
    }

    /**
     * Adds a note under a row whose cold run failed (its cold column shows {@code -}); counts as a failure.
     *
     * @return this table
     */
    PerfTable coldFailed(String what, String why) {
        table.note(what + " (cold)", "failed: " + why);
        failures++;
        return this;
    }

    /** Sets the line under the table. */
    PerfTable takeaway(String line) {
        table.takeaway(line);
        return this;
    }

    /** @return the rows that could not be measured */
    int failures() {
        return failures;
    }

    /** @return the rows whose verdict is {@code MISS} */
    int misses() {
        return misses;
    }

    Table table() {
        return table;
    }

    /** @return a figure with three significant digits or so, a whole number without decimals; {@code -} for NaN */
    static String figure(double value) {
        if (Double.isNaN(value)) {
            return Figures.NONE;
        }
        double abs = Math.abs(value);
        if (abs >= 1_000 || value == Math.rint(value)) { // counts and whole bounds: no decimals
            return Figures.grouped(value);
        }
        return String.format(Locale.ROOT, abs >= 100 ? "%.1f" : abs >= 1 || abs == 0 ? "%.3f" : "%.4f", value);
    }
}
