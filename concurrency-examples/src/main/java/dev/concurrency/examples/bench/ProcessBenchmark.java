package dev.concurrency.examples.bench;

import dev.concurrency.Concurrency;
import dev.concurrency.ProcessOptions;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Runner;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.TaskContext;
import dev.concurrency.WorkerStats;
import dev.concurrency.examples.cli.CommandLine;
import dev.concurrency.examples.cli.Jvm;
import dev.concurrency.examples.cli.Program;
import dev.concurrency.examples.text.Figures;
import dev.concurrency.examples.text.Table;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What {@link Strategy#PROCESS} costs, next to a bare JVM:
 * <ul>
 *   <li>time from {@code open} to the first result of a trivial task, against
 *       starting and exiting a JVM that does nothing (target: at most 3x), and
 *       the same with the workers' class-data cache off, making its archive,
 *       and mapping it (target: at most 1.5x; run from JARs, see
 *       {@link #classDataCache});</li>
 *   <li>round trip of a trivial task on a warm pool, submitted one at a time
 *       (target: at most 200 us);</li>
 *   <li>resident memory of an idle worker;</li>
 *   <li>CPU-bound scaling: two fib(n) tasks on two workers against one
 *       worker, warm pools, in the same run (target: at least 1.7x on 2 cores),
 *       for fib(32) and fib(38).</li>
 * </ul>
 * Medians of interleaved passes. Run it with:
 * <pre>
 * ./mvnw -q -pl concurrency-examples -am -DskipTests package exec:exec \
 *     -Dexec.mainClass=dev.concurrency.examples.bench.ProcessBenchmark -Dexec.args="--passes 7"
 * </pre>
 */
public final class ProcessBenchmark {

    static final String USAGE = """
            usage: ProcessBenchmark [--passes N] [--round-trips N] [--fib N] [--help]
              --passes N       interleaved passes per figure, median reported (default 7)
              --round-trips N  trivial tasks timed per pass on a warm pool (default 2000)
              --fib N,M...     the sizes of the CPU-bound tasks, one scaling table each (default 32,38:
                               fib(32) is the issue's size, but takes only ~8 ms in Java;
                               fib(38) takes ~0.2 s, about what fib(32) takes in CPython)
            """;

    /** Warm-up of the round trip, in passes' worth of tasks: both JVMs' JITs need some 10,000 round trips. */
    static final int WARM_UP_ROUNDS = 5;
    /** Warm-up of each scaling measurement: both pools run the pair of tasks, in turn, for this long. */
    private static final java.time.Duration SCALING_WARM_UP = java.time.Duration.ofSeconds(3);
    /** Scaling takes this many times the passes of the other figures: a pair of fib(32) lasts only ~10 ms. */
    private static final int SCALING_PASSES_FACTOR = 3;

    private ProcessBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args see {@link #USAGE}
     */
    public static void main(String[] args) {
        Program.exit(run(args, System.out, System.err));
    }

    /** The options. */
    record Options(int passes, int roundTrips, List<Integer> fibs) {
    }

    static final Set<String> WITH_VALUE = Set.of("--passes", "--round-trips", "--fib");

    static Options parse(String[] args) {
        return of(CommandLine.parse(args, Set.of(), WITH_VALUE));
    }

    static Options of(CommandLine line) {
        if (!line.words().isEmpty()) {
            throw new IllegalArgumentException("unknown argument: '" + line.words().getFirst()
                    + "' (expected: options only)");
        }
        List<Integer> fibs = line.value("--fib").map(ProcessBenchmark::sizes).orElse(List.of(32, 38));
        return new Options(line.positive("--passes", 7), line.positive("--round-trips", 2_000), fibs);
    }

    private static List<Integer> sizes(String text) {
        List<Integer> sizes = new ArrayList<>();
        for (String size : text.split(",", -1)) {
            sizes.add(CommandLine.positive("--fib", size));
        }
        return List.copyOf(sizes);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Program.run(args, out, err, USAGE, Set.of(), WITH_VALUE, ProcessBenchmark::of, ProcessBenchmark::run);
    }

    private static int run(Options options, PrintStream out, PrintStream err) {
        List<BenchTables.Step> steps = new ArrayList<>(List.of(() -> startUp(options, err),
                () -> roundTrip(options, err), () -> memory(err)));
        for (int n : options.fibs()) {
            steps.add(() -> scaling(n, SCALING_PASSES_FACTOR * options.passes(), err));
        }
        return BenchTables.print(out, err, steps);
    }

    /** Open to first result of a trivial task, against a bare JVM's start and exit, interleaved. */
    static Table startUp(Options options, PrintStream err) throws Exception {
        StartUp samples = startUp(options.passes(), err);
        double ratio = Figures.median(samples.first()) / Figures.median(samples.bare());
        Table table = new Table("Start-up: open to the first result of a trivial task, one worker; median of "
                + options.passes() + " passes", "figure", "ms", "target", "verdict")
                .row("bare JVM start + exit (Noop)", Figures.fixed(Figures.median(samples.bare()), 1), Figures.NONE, Figures.NONE)
                .row("open -> first result", Figures.fixed(Figures.median(samples.first()), 1), Figures.NONE, Figures.NONE)
                .row("ratio", Figures.fixed(ratio, 2), "<= 3.00", Figures.verdict(ratio <= 3));
        for (List<String> row : classDataCacheRows(classDataCache(options.passes(), err))) {
            table.row(row);
        }
        return table;
    }

    /**
     * The start-up figures of each pass, in milliseconds.
     *
     * @param bare  a bare JVM's start and exit ({@link Noop})
     * @param first {@code open} of a one-worker PROCESS pool to the first result of a trivial task
     */
    record StartUp(double[] bare, double[] first) {
    }

    /** Measures {@code passes} interleaved passes of a bare JVM's start and of a PROCESS pool's first result. */
    static StartUp startUp(int passes, PrintStream err) throws Exception {
        double[] bare = new double[passes];
        double[] first = new double[passes];
        for (int pass = 0; pass < passes; pass++) {
            bare[pass] = bareJvmMillis();
            long start = System.nanoTime();
            try (Runner runner = Concurrency.open(RunOptions.of(Strategy.PROCESS).workers(1))) {
                runner.submit(ctx -> 1).get(60, TimeUnit.SECONDS);
                first[pass] = (System.nanoTime() - start) / 1e6;
            }
            err.printf(Locale.ROOT, "start-up: pass %d: bare JVM %.1f ms, first result %.1f ms%n",
                    pass + 1, bare[pass], first[pass]);
        }
        return new StartUp(bare, first);
    }

    /**
     * The start-up figures of each pass with the workers' class-data cache, in milliseconds.
     *
     * @param bare        a bare JVM's start and exit ({@link Noop})
     * @param off         open to first result with the cache off
     * @param making      the same, making the archive (a fresh cache directory each pass)
     * @param makingClose the close of that runner: its worker writes the archive as it exits
     * @param mapped      open to first result mapping the archive a first run made
     * @param mappedClose the close of that runner
     * @param archived    whether an archive was made at all (not with a directory on the class path)
     */
    record CacheStartUp(double[] bare, double[] off, double[] making, double[] makingClose, double[] mapped,
                          double[] mappedClose, boolean archived) {
    }

    /**
     * Measures {@code passes} interleaved passes of a bare JVM's start and of a
     * one-worker PROCESS pool's first result with the workers' class-data cache
     * off, making its archive, and mapping it. The archive needs a class path
     * of JAR files only: run from a directory of classes ({@code exec:exec}),
     * every worker runs without one ({@link CacheStartUp#archived()} says so).
     */
    static CacheStartUp classDataCache(int passes, PrintStream err) throws Exception {
        double[] bare = new double[passes];
        double[] off = new double[passes];
        double[] making = new double[passes];
        double[] makingClose = new double[passes];
        double[] mapped = new double[passes];
        double[] mappedClose = new double[passes];
        Path caches = Files.createTempDirectory("process-benchmark-cds-");
        try {
            Path kept = caches.resolve("kept");
            openToFirstResult(ProcessOptions.defaults().classDataCache(kept), new double[1], 0); // makes it
            boolean archived = hasArchive(kept);
            for (int pass = 0; pass < passes; pass++) {
                bare[pass] = bareJvmMillis();
                off[pass] = openToFirstResult(ProcessOptions.defaults().noClassDataCache(), null, 0);
                making[pass] = openToFirstResult(ProcessOptions.defaults()
                        .classDataCache(caches.resolve("pass-" + pass)), makingClose, pass);
                mapped[pass] = openToFirstResult(ProcessOptions.defaults().classDataCache(kept), mappedClose, pass);
                err.printf(Locale.ROOT, "start-up, class-data cache: pass %d: bare JVM %.1f ms; off %.1f ms, making"
                                + " %.1f ms (close %.1f ms), mapped %.1f ms (close %.1f ms)%n", pass + 1, bare[pass],
                        off[pass], making[pass], makingClose[pass], mapped[pass], mappedClose[pass]);
            }
            return new CacheStartUp(bare, off, making, makingClose, mapped, mappedClose, archived);
        } finally {
            deleteTree(caches);
        }
    }

    /** @return the rows of the class-data cache figures, for the start-up table */
    private static List<List<String>> classDataCacheRows(CacheStartUp samples) {
        double bare = Figures.median(samples.bare());
        double ratio = Figures.median(samples.mapped()) / bare;
        String note = samples.archived() ? "" : " (no archive: the class path holds a directory)";
        return List.of(
                List.of("class-data cache: bare JVM again", Figures.fixed(bare, 1), Figures.NONE, Figures.NONE),
                List.of("  cache off", Figures.fixed(Figures.median(samples.off()), 1), Figures.NONE, Figures.NONE),
                List.of("  making the archive" + note, Figures.fixed(Figures.median(samples.making()), 1),
                        Figures.NONE, Figures.NONE),
                List.of("  its close (writes it)", Figures.fixed(Figures.median(samples.makingClose()), 1),
                        Figures.NONE, Figures.NONE),
                List.of("  archive mapped" + note, Figures.fixed(Figures.median(samples.mapped()), 1), Figures.NONE,
                        Figures.NONE),
                List.of("  its close", Figures.fixed(Figures.median(samples.mappedClose()), 1), Figures.NONE,
                        Figures.NONE),
                List.of("  ratio, archive mapped", Figures.fixed(ratio, 2), "<= 1.50", Figures.verdict(ratio <= 1.5)));
    }

    /**
     * @param process     the runner's process options (one worker)
     * @param closeMillis where to put how long its close took, or {@code null}
     * @param pass        the index there
     * @return milliseconds from open to the first result of a trivial task
     */
    private static double openToFirstResult(ProcessOptions process, double[] closeMillis, int pass)
            throws Exception {
        long start = System.nanoTime();
        Runner runner = Concurrency.open(RunOptions.of(Strategy.PROCESS).with(process.workers(1)));
        double first;
        try {
            runner.submit(ctx -> 1).get(60, TimeUnit.SECONDS);
            first = (System.nanoTime() - start) / 1e6;
        } finally {
            long closing = System.nanoTime();
            runner.close();
            if (closeMillis != null) {
                closeMillis[pass] = (System.nanoTime() - closing) / 1e6;
            }
        }
        return first;
    }

    private static boolean hasArchive(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".jsa"));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static double bareJvmMillis() throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(Jvm.command(List.of(), Noop.class.getName(), List.of()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        p.waitFor();
        return (System.nanoTime() - start) / 1e6;
    }

    /** Submit-and-wait of a trivial task on a warm one-worker pool. */
    static Table roundTrip(Options options, PrintStream err) throws Exception {
        double median = Figures.median(roundTrips(options.roundTrips(), options.passes(), err));
        return new Table("Round trip of a trivial task on a warm pool (after " + WARM_UP_ROUNDS * options.roundTrips()
                + "), one at a time (" + options.roundTrips() + " per pass); median of " + options.passes() + " passes", "figure", "us", "target", "verdict")
                .row("submit -> result", Figures.fixed(median, 1), "<= 200", Figures.verdict(median <= 200));
    }

    /**
     * @param roundTrips trivial tasks submitted one at a time per pass, after {@value #WARM_UP_ROUNDS} times as many
     * @param passes     passes
     * @return each pass's mean round trip, in microseconds
     */
    static double[] roundTrips(int roundTrips, int passes, PrintStream err) throws Exception {
        double[] micros = new double[passes];
        try (Runner runner = Concurrency.open(RunOptions.of(Strategy.PROCESS).workers(1))) {
            Task<Integer> trivial = ctx -> 1;
            for (int i = 0; i < WARM_UP_ROUNDS * roundTrips; i++) { // both JVMs compile the path
                runner.submit(trivial).get(60, TimeUnit.SECONDS);
            }
            for (int pass = 0; pass < passes; pass++) {
                long start = System.nanoTime();
                for (int i = 0; i < roundTrips; i++) {
                    runner.submit(trivial).get(60, TimeUnit.SECONDS);
                }
                micros[pass] = (System.nanoTime() - start) / 1e3 / roundTrips;
                err.printf(Locale.ROOT, "round trip: pass %d: %.1f us%n", pass + 1, micros[pass]);
            }
        }
        return micros;
    }

    /**
     * The bare floor of a round trip between two processes: one byte written
     * to another JVM's stdin ({@link PipeEcho}) and read back from its stdout,
     * one at a time, timed like {@link #roundTrips}.
     *
     * @return each pass's mean round trip, in microseconds
     */
    static double[] pipeRoundTrips(int roundTrips, int passes, PrintStream err) throws IOException {
        double[] micros = new double[passes];
        Process echo = new ProcessBuilder(Jvm.command(List.of(), PipeEcho.class.getName(), List.of()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream out = echo.getOutputStream(); InputStream in = echo.getInputStream()) {
            for (int i = 0; i < WARM_UP_ROUNDS * roundTrips; i++) {
                pipeRoundTrip(out, in);
            }
            for (int pass = 0; pass < passes; pass++) {
                long start = System.nanoTime();
                for (int i = 0; i < roundTrips; i++) {
                    pipeRoundTrip(out, in);
                }
                micros[pass] = (System.nanoTime() - start) / 1e3 / roundTrips;
                err.printf(Locale.ROOT, "pipe round trip: pass %d: %.1f us%n", pass + 1, micros[pass]);
            }
        } finally {
            echo.destroyForcibly();
        }
        return micros;
    }

    private static void pipeRoundTrip(OutputStream out, InputStream in) throws IOException {
        out.write(1);
        out.flush();
        if (in.read() != 1) {
            throw new IOException("the pipe echo ended or echoed another byte");
        }
    }

    /** Resident memory of each of two workers once idle (each has run one trivial task). */
    static Table memory(PrintStream err) {
        Results<Integer> results = Concurrency.run(List.of(ctx -> 1, ctx -> 2),
                RunOptions.of(Strategy.PROCESS).workers(2));
        Table table = new Table("Resident memory of idle workers (after one trivial task each), from /proc",
                "worker", "start-up (ms)", "resident (MiB)", "peak resident (MiB)");
        for (WorkerStats w : results.stats().workers()) {
            err.println("memory: " + w);
            table.row("worker " + w.id(), Figures.fixed(w.startupTime().toNanos() / 1e6, 1),
                    w.residentBytes().isPresent() ? Figures.fixed(w.residentBytes().getAsLong() / 1048576.0, 1) : Figures.NONE,
                    w.peakResidentBytes().isPresent()
                            ? Figures.fixed(w.peakResidentBytes().getAsLong() / 1048576.0, 1) : Figures.NONE);
        }
        return table;
    }

    /** fib(n), the slow way. */
    record Fib(int n) implements Task<Long> {
        @Override
        public Long run(TaskContext ctx) {
            return fib(n);
        }

        private static long fib(int n) {
            return n < 2 ? n : fib(n - 1) + fib(n - 2);
        }
    }

    /** Two fib tasks on a warm pool of one worker, then of two, interleaved. */
    static Table scaling(int n, int passes, PrintStream err) throws Exception {
        double[] one = new double[passes];
        double[] two = new double[passes];
        List<Task<Long>> pair = List.of(new Fib(n), new Fib(n));
        try (Runner single = Concurrency.open(RunOptions.of(Strategy.PROCESS).workers(1));
             Runner dual = Concurrency.open(RunOptions.of(Strategy.PROCESS).workers(2))) {
            // warm-up: start the workers, and let each JIT see fib for a while (it keeps improving it)
            long end = System.nanoTime() + SCALING_WARM_UP.toNanos();
            for (int i = 0; i < 3 || System.nanoTime() < end; i++) {
                single.run(pair).values();
                dual.run(pair).values();
            }
            for (int pass = 0; pass < passes; pass++) {
                one[pass] = wallMillis(single, pair);
                two[pass] = wallMillis(dual, pair);
                err.printf(Locale.ROOT, "scaling: fib(%d): pass %d: 1 worker %.1f ms, 2 workers %.1f ms%n",
                        n, pass + 1, one[pass], two[pass]);
            }
        }
        double speedUp = Figures.median(one) / Figures.median(two);
        return new Table("CPU-bound scaling: 2 x fib(" + n + "), warm pools; median of " + passes + " passes", "workers", "wall (ms)", "speed-up", "target", "verdict")
                .row("1", Figures.fixed(Figures.median(one), 1), "1.00", Figures.NONE, Figures.NONE)
                .row("2", Figures.fixed(Figures.median(two), 1), Figures.fixed(speedUp, 2), ">= 1.70",
                        Figures.verdict(speedUp >= 1.7));
    }

    private static double wallMillis(Runner runner, List<Task<Long>> tasks) {
        Results<Long> results = runner.run(tasks);
        results.values();
        return results.stats().wallTime().toNanos() / 1e6;
    }
}
