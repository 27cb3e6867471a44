package dev.concurrency.examples.experiments;

import dev.concurrency.Gil;
import dev.concurrency.examples.gil.Convoy;
import dev.concurrency.examples.report.BarChart;
import dev.concurrency.examples.report.Section;
import dev.concurrency.examples.report.Series;
import dev.concurrency.examples.text.Figures;
import dev.concurrency.examples.text.Table;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The GIL's convoy effect, as {@link Convoy} measures it: an echo server
 * alone and beside a CPU-bound task, without a lock and with python3's at
 * shorter and shorter switch intervals; round trips per second on a log scale.
 */
final class ConvoyExperiment {

    static final String TITLE = "Convoy";

    private ConvoyExperiment() {
    }

    static Section run(Settings settings, PrintStream err) {
        List<Convoy.Row> rows = Convoy.measureAll(settings.convoyWarmUp(), settings.convoyWindow(), err);
        List<Double> alone = new ArrayList<>();
        List<Double> beside = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        for (int i = 0; i < 2 * Convoy.LOCKS.size(); i++) { // in pairs: alone, beside
            Convoy.Row row = rows.get(i);
            (i % 2 == 0 ? alone : beside).add(requestsPerSec(row));
            if (i % 2 == 0) {
                Gil gil = Convoy.LOCKS.get(i / 2);
                categories.add(gil.isOff() ? "no GIL" : "python3 " + Figures.millis(gil.switchInterval().orElseThrow()));
            }
        }
        double onProcess = Double.NaN;
        if (rows.size() > 2 * Convoy.LOCKS.size()) { // the CPU task in a worker process: no "alone" bar
            categories.add("python3 5 ms, CPU task on PROCESS");
            alone.add(Double.NaN);
            onProcess = requestsPerSec(rows.get(2 * Convoy.LOCKS.size()));
            beside.add(onProcess);
        }
        Table table = Convoy.table(rows, settings.convoyWarmUp(), settings.convoyWindow())
                .takeaway(Takeaways.convoy(categories.get(1), alone.get(0), beside.get(0), alone.get(1),
                        beside.get(1), onProcess));
        BarChart chart = new BarChart("Convoy: echo server round trips per second, without and with a GIL",
                "round trips per second", categories,
                List.of(new Series("server alone", alone), new Series("server + CPU task", beside)), true);
        return new Section(TITLE, "An echo server (Concurrency.serve) answering a client as fast as it can, alone and"
                + " beside a CPU-bound handler under the same lock: with a GIL, each answer waits for the CPU task to"
                + " give up the lock.",
                List.of(table), List.of(chart.toSvg()), null);
    }

    private static double requestsPerSec(Convoy.Row row) {
        return row.failure() == null ? row.requestsPerSec() : Double.NaN;
    }
}
