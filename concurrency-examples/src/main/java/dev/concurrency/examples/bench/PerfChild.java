package dev.concurrency.examples.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measurement of {@link Perf} in a JVM of its own, started by
 * {@link ChildJvm}: its progress on stderr, then one line of figures on
 * stdout ({@code perf-result name=value ...}); exits 1 with the error on
 * stderr if it fails, and always ends the JVM (whatever the run left).
 * <ul>
 *   <li>{@code cold BENCHMARK INDEX [Perf options]}: one library pass of a row of {@link Perf#pairs}:
 *       {@code value}, and {@code watchdog}, the blocked-loop warnings meanwhile;</li>
 *   <li>{@code sleepers ROW TASKS SLEEP_MS PASSES}: see {@link PerfSleepers#childRun};</li>
 *   <li>{@code memory ROW TASKS SLEEP_MS}: see {@link PerfSleepers#memoryRun};</li>
 *   <li>{@code echo CONNECTIONS ROUND_TRIPS PASSES}: see {@link PerfSleepers#echoChildRun}.</li>
 * </ul>
 */
public final class PerfChild {

    static final String COLD = "cold";
    static final String SLEEPERS = "sleepers";
    static final String MEMORY = "memory";
    static final String ECHO = "echo";

    private PerfChild() {
    }

    /**
     * Runs the measurement and exits.
     *
     * @param args see above
     */
    public static void main(String[] args) {
        int status = 0;
        try {
            System.out.println(ChildJvm.format(run(args, System.err)));
        } catch (Throwable e) {
            System.err.println("perf child " + String.join(" ", args) + " failed: " + e);
            e.printStackTrace();
            status = 1;
        }
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    static Map<String, Double> run(String[] args, PrintStream err) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: PerfChild cold|sleepers|memory|echo ...");
        }
        int[] n = new int[Math.max(0, args.length - 1)];
        switch (args[0]) {
            case COLD -> {
                PerfOptions options = PerfOptions.parse(Arrays.copyOfRange(args, 3, args.length));
                try (WatchdogWarnings warnings = WatchdogWarnings.count()) {
                    double value = Perf.coldPass(args[1], Integer.parseInt(args[2]), options);
                    Map<String, Double> figures = new LinkedHashMap<>();
                    figures.put("value", value);
                    figures.put("watchdog", (double) warnings.warnings());
                    return figures;
                }
            }
            case SLEEPERS -> {
                parse(args, n, 4);
                return PerfSleepers.childRun(n[0], n[1], n[2], n[3], err);
            }
            case MEMORY -> {
                parse(args, n, 3);
                return PerfSleepers.memoryRun(n[0], n[1], n[2], err);
            }
            case ECHO -> {
                parse(args, n, 3);
                return PerfSleepers.echoChildRun(n[0], n[1], n[2], err);
            }
            default -> throw new IllegalArgumentException("mode: '" + args[0]
                    + "' (expected: cold, sleepers, memory, echo)");
        }
    }

    private static void parse(String[] args, int[] n, int count) {
        if (args.length != count + 1) {
            throw new IllegalArgumentException(args[0] + ": " + (args.length - 1) + " numbers (expected: " + count + ")");
        }
        for (int i = 0; i < count; i++) {
            n[i] = Integer.parseInt(args[i + 1]);
        }
    }
}
