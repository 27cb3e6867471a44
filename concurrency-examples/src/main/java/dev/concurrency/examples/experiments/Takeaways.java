package dev.concurrency.examples.experiments;

import dev.concurrency.ComparisonRow;
import dev.concurrency.Strategy;
import dev.concurrency.examples.text.Figures;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The one line under each table saying what its numbers show, computed from
 * them: a lesson of the talk where the rows it needs are there, a plain
 * "fastest, slowest" otherwise (a run limited with {@code --strategies}).
 */
final class Takeaways {

    private Takeaways() {
    }

    /**
     * @param rows  the CPU-bound experiment's rows
     * @param tasks how many tasks each run had
     * @return {@code with a GIL, 2 threads take 1.9x as long as without; 2 processes take 1.0x; ...}
     */
    static String cpu(List<Measured> rows, int tasks) {
        OptionalWall t0 = wall(rows, Strategy.THREAD, false);
        OptionalWall t1 = wall(rows, Strategy.THREAD, true);
        OptionalWall p0 = wall(rows, Strategy.PROCESS, false);
        OptionalWall p1 = wall(rows, Strategy.PROCESS, true);
        List<String> parts = new ArrayList<>();
        if (t0.present() && t1.present()) {
            parts.add(String.format(Locale.ROOT, "with a GIL, %d threads take %s as long as without", tasks,
                    Figures.times(t1.seconds() / t0.seconds())));
        }
        if (p0.present() && p1.present()) {
            parts.add(String.format(Locale.ROOT, "%s%d processes take %s%s", parts.isEmpty() ? "with a GIL, " : "",
                    tasks, Figures.times(p1.seconds() / p0.seconds()), parts.isEmpty() ? " as long as without" : ""));
        }
        if (t1.present() && p1.present()) {
            parts.add(String.format(Locale.ROOT, "with a GIL, PROCESS takes %s the wall time of THREAD, worker"
                    + " start-up included", Figures.times(p1.seconds() / t1.seconds())));
        }
        return parts.isEmpty() ? spread(rows) : String.join("; ", parts);
    }

    /**
     * @param rows the I/O-bound experiment's rows
     * @return how much faster than one at a time the strategies were, and what a GIL did to THREAD
     */
    static String io(List<Measured> rows) {
        Optional<ComparisonRow> sequential = rows.stream().map(Measured::row)
                .filter(r -> r.ran() && r.gil().isOff() && r.label().startsWith(GilComparison.SEQUENTIAL)).findFirst();
        List<ComparisonRow> others = rows.stream().map(Measured::row)
                .filter(r -> r.ran() && r.gil().isOff() && !r.label().startsWith(GilComparison.SEQUENTIAL)).toList();
        if (sequential.isEmpty() || others.isEmpty()) {
            return spread(rows);
        }
        double base = seconds(sequential.get());
        ComparisonRow slowest = others.stream().max(Comparator.comparingDouble(Takeaways::seconds)).orElseThrow();
        ComparisonRow fastest = others.stream().min(Comparator.comparingDouble(Takeaways::seconds)).orElseThrow();
        String line = String.format(Locale.ROOT, "waiting together, the requests end %s (%s) to %s (%s) sooner than"
                        + " one at a time", Figures.times(base / seconds(slowest)), slowest.strategy(),
                Figures.times(base / seconds(fastest)), fastest.strategy());
        OptionalWall t0 = wall(rows, Strategy.THREAD, false);
        OptionalWall t1 = wall(rows, Strategy.THREAD, true);
        if (t0.present() && t1.present()) {
            line += String.format(Locale.ROOT, "; with a GIL, THREAD takes %s as long, as every socket wait"
                    + " releases the lock", Figures.times(t1.seconds() / t0.seconds()));
        }
        return line;
    }

    /**
     * @param rows the {@code many} experiment's rows
     * @param size the largest size
     * @return at that size, the range of bytes allocated per task and of wall time
     */
    static String many(List<Measured> rows, int size) {
        List<Measured> ran = rows.stream().filter(m -> m.row().ran() && m.row().tasks() == size).toList();
        if (ran.isEmpty()) {
            return String.format(Locale.ROOT, "no strategy ran %,d tasks at once", size);
        }
        String line = String.format(Locale.ROOT, "at %,d tasks at once, wall time runs from %s", size,
                range(ran, m -> seconds(m.row()), v -> Figures.fixed(v, 2) + " s"));
        if (ran.stream().anyMatch(m -> !Double.isNaN(m.allocatedPerTask()))) {
            line += " and allocation per task from " + range(ran.stream()
                    .filter(m -> !Double.isNaN(m.allocatedPerTask())).toList(), Measured::allocatedPerTask,
                    Figures::bytes);
        }
        return line;
    }

    /**
     * @param interval      the python3 switch interval of the second pair, as labelled
     * @param noGilAlone    round trips per second, no GIL, server alone
     * @param noGilBeside   the same beside a CPU-bound task
     * @param python3Alone  python3, server alone
     * @param python3Beside python3, beside the CPU-bound task
     * @param onProcess     python3, the CPU-bound task in a worker process; NaN if not measured
     * @return what share of its round trips the server keeps beside the CPU-bound task, each way
     */
    static String convoy(String interval, double noGilAlone, double noGilBeside, double python3Alone,
                         double python3Beside, double onProcess) {
        String line = String.format(Locale.ROOT, "beside a CPU-bound task the echo server keeps %s of its round"
                        + " trips without a GIL and %s with python3 (%s)", Figures.times(noGilBeside / noGilAlone),
                Figures.times(python3Beside / python3Alone), interval);
        if (!Double.isNaN(onProcess)) {
            line += String.format(Locale.ROOT, "; with the CPU task in a worker process, %s",
                    Figures.times(onProcess / python3Alone));
        }
        return line;
    }

    /**
     * @param rows        the {@code serve} experiment's rows
     * @param connections the most connections a row had
     * @return at that many connections: the event loop's requests/s and threads beside THREAD's, what share of
     *         its rate each keeps under python3's GIL, and the range of memory per connection
     */
    static String serve(List<ServeRow> rows, int connections) {
        List<ServeRow> at = rows.stream().filter(r -> r.ran() && r.connections() == connections).toList();
        List<ServeRow> free = at.stream().filter(r -> r.gil().isOff()).toList();
        if (free.isEmpty()) {
            return String.format(Locale.ROOT, "no server was measured at %,d connections", connections);
        }
        List<String> parts = new ArrayList<>();
        Optional<ServeRow> loop = find(free, Strategy.EVENT_LOOP);
        Optional<ServeRow> threads = find(free, Strategy.THREAD);
        if (loop.isPresent() && threads.isPresent()) {
            parts.add(String.format(Locale.ROOT, "at %,d connections EVENT_LOOP answers %s requests/s with %s more"
                            + " threads, THREAD %s with %s", connections,
                    Figures.grouped(loop.get().requestsPerSecond()), threads(loop.get()),
                    Figures.grouped(threads.get().requestsPerSecond()), threads(threads.get())));
        } else {
            ServeRow fastest = free.stream().max(Comparator.comparingDouble(ServeRow::requestsPerSecond)).orElseThrow();
            ServeRow slowest = free.stream().min(Comparator.comparingDouble(ServeRow::requestsPerSecond)).orElseThrow();
            parts.add(String.format(Locale.ROOT, "at %,d connections requests/s run from %s (%s) to %s (%s)",
                    connections, Figures.grouped(slowest.requestsPerSecond()), slowest.strategy(),
                    Figures.grouped(fastest.requestsPerSecond()), fastest.strategy()));
        }
        List<String> kept = new ArrayList<>();
        for (Strategy strategy : List.of(Strategy.THREAD, Strategy.EVENT_LOOP)) {
            Optional<ServeRow> without = find(free, strategy);
            Optional<ServeRow> with = at.stream().filter(r -> !r.gil().isOff() && r.strategy() == strategy).findFirst();
            if (without.isPresent() && with.isPresent()) {
                kept.add(strategy + " serves " + Figures.times(with.get().requestsPerSecond()
                        / without.get().requestsPerSecond()));
            }
        }
        if (!kept.isEmpty()) {
            parts.add("under python3's GIL: " + String.join(", ", kept) + " of the rate without");
        }
        List<ServeRow> memory = free.stream().filter(r -> !Double.isNaN(r.residentPerConnection())).toList();
        if (!memory.isEmpty()) {
            ServeRow least = memory.stream().min(Comparator.comparingDouble(ServeRow::residentPerConnection)).orElseThrow();
            ServeRow most = memory.stream().max(Comparator.comparingDouble(ServeRow::residentPerConnection)).orElseThrow();
            parts.add(String.format(Locale.ROOT, "resident memory per connection runs from %s (%s) to %s (%s)",
                    Figures.bytes(least.residentPerConnection()), least.strategy(),
                    Figures.bytes(most.residentPerConnection()), most.strategy()));
        }
        return String.join("; ", parts);
    }

    private static Optional<ServeRow> find(List<ServeRow> rows, Strategy strategy) {
        return rows.stream().filter(r -> r.strategy() == strategy).findFirst();
    }

    private static String threads(ServeRow row) {
        return row.threads() < 0 ? "?" : Figures.grouped(row.threads());
    }

    /** @return {@code fastest: X (0.12 s), slowest: Y (3.4 s)}, for tables whose lesson rows are missing */
    static String spread(List<Measured> rows) {
        List<ComparisonRow> ran = rows.stream().map(Measured::row).filter(ComparisonRow::ran).toList();
        if (ran.isEmpty()) {
            return "no run completed";
        }
        ComparisonRow fastest = ran.stream().min(Comparator.comparingDouble(Takeaways::seconds)).orElseThrow();
        ComparisonRow slowest = ran.stream().max(Comparator.comparingDouble(Takeaways::seconds)).orElseThrow();
        return String.format(Locale.ROOT, "fastest: %s (%s s); slowest: %s (%s s)", fastest.label(),
                Figures.fixed(seconds(fastest), 3), slowest.label(), Figures.fixed(seconds(slowest), 3));
    }

    private static String range(List<Measured> rows, ToDoubleFunction<Measured> figure,
                                java.util.function.DoubleFunction<String> format) {
        Measured lo = rows.stream().min(Comparator.comparingDouble(figure)).orElseThrow();
        Measured hi = rows.stream().max(Comparator.comparingDouble(figure)).orElseThrow();
        return String.format(Locale.ROOT, "%s (%s) to %s (%s)", format.apply(figure.applyAsDouble(lo)),
                lo.row().strategy(), format.apply(figure.applyAsDouble(hi)), hi.row().strategy());
    }

    private record OptionalWall(boolean present, double seconds) {
    }

    /** @return the wall time of the strategy's row (not the sequential one) without or with a GIL, if it ran */
    private static OptionalWall wall(List<Measured> rows, Strategy strategy, boolean withGil) {
        return rows.stream().map(Measured::row)
                .filter(r -> r.ran() && r.strategy() == strategy && r.gil().isOff() != withGil
                        && !r.label().startsWith(GilComparison.SEQUENTIAL))
                .findFirst().map(r -> new OptionalWall(true, seconds(r))).orElse(new OptionalWall(false, 0));
    }

    private static double seconds(ComparisonRow row) {
        return row.wallTime().toNanos() / 1e9;
    }
}
