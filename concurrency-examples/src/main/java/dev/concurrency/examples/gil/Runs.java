package dev.concurrency.examples.gil;

import dev.concurrency.Concurrency;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Stats;
import dev.concurrency.Task;
import dev.concurrency.examples.text.Figures;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs the same tasks under several options, repeatedly, and keeps each one's median run. */
final class Runs {

    private Runs() {
    }

    /**
     * A labelled way to run tasks.
     *
     * @param label   the row's label
     * @param options how to run them
     */
    record Variant(String label, RunOptions options) {
    }

    /**
     * One variant's figures.
     *
     * @param variant the variant
     * @param stats   the figures of its median run; {@code null} if it failed
     * @param failure why it has no figures; {@code null} if it has
     */
    record Measured(Variant variant, Stats stats, String failure) {
    }

    /**
     * Runs the tasks once per variant per round, the variants in turn, each round
     * starting one variant further on (so that a noisy spell of the machine, or
     * being first after a collection, hits every variant alike), and keeps for each
     * variant the run with the median wall time; a variant any of whose runs
     * failed keeps the first failure instead.
     *
     * @param variants the variants, in table order
     * @param tasks    the tasks of each run
     * @param rounds   how many runs per variant, {@code > 0}
     * @param phase    the progress lines' prefix
     * @param err      where progress goes
     * @return one entry per variant, in order
     */
    static List<Measured> medians(List<Variant> variants, List<? extends Task<?>> tasks, int rounds, String phase,
                                  PrintStream err) {
        List<List<Stats>> runs = new ArrayList<>();
        String[] failures = new String[variants.size()];
        variants.forEach(v -> runs.add(new ArrayList<>()));
        for (int round = 1; round <= rounds; round++) {
            for (int k = 0; k < variants.size(); k++) {
                int i = (k + round - 1) % variants.size();
                Variant variant = variants.get(i);
                if (failures[i] != null) {
                    continue;
                }
                System.gc(); // garbage of the previous run is not collected on this run's time
                Measured m = once(variant, tasks);
                err.println(phase + " " + round + "/" + rounds + ": " + variant.label() + ": "
                        + (m.failure() == null ? m.stats() : m.failure()));
                if (m.failure() != null) {
                    failures[i] = m.failure();
                } else {
                    runs.get(i).add(m.stats());
                }
            }
        }
        List<Measured> medians = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            List<Stats> sorted = runs.get(i).stream().sorted(Comparator.comparing(Stats::wallTime)).toList();
            medians.add(failures[i] != null
                    ? new Measured(variants.get(i), null, failures[i])
                    : new Measured(variants.get(i), sorted.get((sorted.size() - 1) / 2), null));
        }
        return medians;
    }

    /** Runs the tasks once; a run that throws, or any of whose tasks does not succeed, is a failure. */
    static Measured once(Variant variant, List<? extends Task<?>> tasks) {
        Results<?> results;
        try {
            results = run(tasks, variant.options());
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            return new Measured(variant, null, "failed: run threw " + e);
        }
        String failure = Figures.failure(results);
        return failure == null ? new Measured(variant, results.stats(), null) : new Measured(variant, null, failure);
    }

    @SuppressWarnings("unchecked")
    private static <T> Results<T> run(List<? extends Task<?>> tasks, RunOptions options) {
        return Concurrency.run((List<Task<T>>) tasks, options);
    }
}
