package dev.concurrency.examples.bench;

import dev.concurrency.Strategy;
import dev.concurrency.examples.cli.Jvm;
import dev.concurrency.examples.cli.Program;
import dev.concurrency.examples.text.Table;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Benchmarks of the loop strategies ({@link Strategy#EVENT_LOOP},
 * {@link Strategy#CALLBACK}) next to virtual threads and plain NIO:
 *
 * <ul>
 *   <li>{@code sleepers}: many tasks that each sleep; wall time and heap per suspended task
 *       ({@link SleepersBenchmark});</li>
 *   <li>{@code echo}: TCP round trips to a loopback line-echo server ({@link EchoBenchmark});</li>
 *   <li>{@code switch}: the cost of suspending and resuming one task ({@link SwitchBenchmark}).</li>
 * </ul>
 *
 * <p>One aligned table per measurement goes to stdout, after a header with
 * the machine's facts; progress goes to stderr. Run it with the JVM flag the
 * fast coroutines need (the exec plugin passes it):
 *
 * <pre>
 * ./mvnw -q -pl concurrency-examples -am -DskipTests package exec:exec \
 *     -Dexec.mainClass=dev.concurrency.examples.bench.LoopBenchmark -Dexec.args="echo --passes 7"
 * </pre>
 */
public final class LoopBenchmark {

    /** The JVM flag that lets EVENT_LOOP use virtual threads scheduled by the loop. */
    static final String FLAG = "--add-opens java.base/java.lang=ALL-UNNAMED";

    private LoopBenchmark() {
    }

    /**
     * Runs the benchmarks and exits with a non-zero status if it could not.
     *
     * @param args the options; see {@code --help}
     */
    public static void main(String[] args) {
        Program.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the benchmarks named in {@code args}.
     *
     * @param args the options; see {@link BenchOptions#USAGE}
     * @param out  where the tables go
     * @param err  where progress, errors and the usage message go
     * @return 0 when every measurement ran, 1 if a run failed (its row says
     *         why; the tables are printed all the same), 2 for bad arguments
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return Program.run(args, out, err, BenchOptions.USAGE, BenchOptions.FLAGS, BenchOptions.WITH_VALUE,
                BenchOptions::of, LoopBenchmark::run);
    }

    private static int run(BenchOptions options, PrintStream out, PrintStream err) {
        return BenchTables.print(out, err, options.measurements(), measurement -> switch (measurement) {
            case BenchOptions.SLEEPERS -> SleepersBenchmark.measure(options, err);
            case BenchOptions.ECHO -> EchoBenchmark.measure(options, err);
            case BenchOptions.SWITCH -> SwitchBenchmark.measure(options, err);
            default -> throw new IllegalStateException("unknown measurement " + measurement);
        });
    }

    /**
     * What one measurement printed.
     *
     * @param tables   its tables, in order
     * @param failures how many of its rows could not be measured
     */
    record Report(List<Table> tables, int failures) {
    }

    /** @return lines on the cores, the JVM, the heap, the GC and which EVENT_LOOP coroutines run */
    static String machineFacts() {
        Runtime runtime = Runtime.getRuntime();
        String gcs = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", "));
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "machine: %d cores, %s %s; Java %s (%s, %s)",
                runtime.availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                Runtime.version(), System.getProperty("java.vm.name"), System.getProperty("java.vm.vendor")));
        lines.add(String.format(Locale.ROOT, "heap: max %.1f GiB; GC: %s", runtime.maxMemory() / (double) (1L << 30), gcs));
        lines.add("EVENT_LOOP coroutines: " + coroutines());
        return String.join("\n", lines) + "\n";
    }

    /** @return whether EVENT_LOOP runs the fast coroutines in this JVM (virtual threads scheduled by the loop) */
    static boolean fastCoroutines() {
        return Object.class.getModule().isOpen("java.lang", LoopBenchmark.class.getModule())
                && !System.getProperty("concurrency.coroutines", "auto").equals("baton");
    }

    /** @return which coroutines EVENT_LOOP runs in this JVM, and why */
    static String coroutines() {
        boolean flag = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(Jvm::opensJavaLang);
        boolean open = Object.class.getModule().isOpen("java.lang", LoopBenchmark.class.getModule());
        String wanted = System.getProperty("concurrency.coroutines", "auto");
        String why = "JVM flag " + FLAG + (flag ? " present" : " absent");
        if (wanted.equals("baton")) {
            return "baton (the fallback), forced by -Dconcurrency.coroutines=baton; " + why;
        }
        return open ? "virtual threads scheduled by the loop (the fast path); " + why
                : "baton (the slower fallback); " + why;
    }
}
