package dev.concurrency.examples.bench;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The parsed command line of {@link LoopBenchmark}: which measurements to run
 * and their sizes. {@code --quick} picks tiny sizes (for tests); a size given
 * explicitly wins over both the full and the quick default, whatever the order.
 *
 * @param measurements which to run, in the order given ({@code sleepers}, {@code echo}, {@code switch})
 * @param quick        whether the tiny sizes were asked for
 * @param tasks        sleepers: tasks per run
 * @param sleepMs      sleepers: how long each task sleeps
 * @param runs         sleepers: measured runs per strategy (the median is shown)
 * @param connections  echo: concurrent connections
 * @param roundTrips   echo: round trips per connection
 * @param passes       echo: passes over every row (the median is shown)
 * @param switches     switch: switches per run
 * @param switchRuns   switch: measured runs per row (the median is shown)
 * @param help         whether {@code --help} was given
 */
record BenchOptions(List<String> measurements, boolean quick, int tasks, int sleepMs, int runs, int connections,
                    int roundTrips, int passes, int switches, int switchRuns, boolean help) {

    static final String SLEEPERS = "sleepers";
    static final String ECHO = "echo";
    static final String SWITCH = "switch";
    static final String ALL = "all";

    /** The full sizes, then the {@code --quick} ones, per option. */
    private enum Size {
        TASKS("--tasks", 100_000, 2_000),
        SLEEP_MS("--sleep-ms", 1_000, 200),
        RUNS("--runs", 3, 1),
        CONNECTIONS("--connections", 1_000, 20),
        ROUND_TRIPS("--round-trips", 100, 10),
        PASSES("--passes", 5, 1),
        SWITCHES("--switches", 500_000, 5_000),
        SWITCH_RUNS("--switch-runs", 5, 1);

        final String option;
        final int full;
        final int quick;

        Size(String option, int full, int quick) {
            this.option = option;
            this.full = full;
            this.quick = quick;
        }
    }

    static final String USAGE = """
            usage: LoopBenchmark [sleepers] [echo] [switch] [all] [--quick] [OPTIONS]
              sleepers   tasks that each sleep, under EVENT_LOOP, CALLBACK and VIRTUAL_THREAD:
                         wall time and heap per suspended task
              echo       TCP round trips to a loopback line-echo server: EVENT_LOOP (1 and 2 loops),
                         CALLBACK, VIRTUAL_THREAD and a plain selector-loop client
              switch     the cost of suspending and resuming one task, next to virtual threads'
              all        all three (the default)
            options (defaults, then --quick's):
              --quick            tiny sizes, for a smoke test
              --tasks N          sleepers: tasks per run (100000; 2000)
              --sleep-ms N       sleepers: how long each task sleeps, ms (1000; 200)
              --runs N           sleepers: measured runs per strategy, median shown (3; 1)
              --connections N    echo: concurrent connections (1000; 20)
              --round-trips N    echo: 64-byte round trips per connection (100; 10)
              --passes N         echo: interleaved passes over every row, median shown (5; 1)
              --switches N       switch: switches per run (500000; 5000)
              --switch-runs N    switch: measured runs per row, median shown (5; 1)
              --help             print this message
            Tables go to stdout, progress to stderr. Start the JVM with
            --add-opens java.base/java.lang=ALL-UNNAMED for EVENT_LOOP's fast coroutines.
            """;

    /**
     * @param args the command line
     * @return the options
     * @throws IllegalArgumentException naming the bad argument
     */
    static BenchOptions parse(String[] args) {
        Set<String> measurements = new LinkedHashSet<>();
        boolean quick = false;
        boolean help = false;
        Integer[] given = new Integer[Size.values().length];
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case SLEEPERS, ECHO, SWITCH -> measurements.add(arg);
                case ALL -> measurements.addAll(List.of(SLEEPERS, ECHO, SWITCH));
                case "--quick" -> quick = true;
                case "--help", "-h" -> help = true;
                default -> {
                    Size size = size(arg);
                    if (size == null) {
                        throw new IllegalArgumentException("unknown argument: '" + arg + "'");
                    }
                    given[size.ordinal()] = positive(arg, ++i < args.length ? args[i] : null);
                }
            }
        }
        if (measurements.isEmpty()) {
            measurements.addAll(List.of(SLEEPERS, ECHO, SWITCH));
        }
        int[] v = new int[given.length];
        for (Size size : Size.values()) {
            Integer g = given[size.ordinal()];
            v[size.ordinal()] = g != null ? g : quick ? size.quick : size.full;
        }
        return new BenchOptions(List.copyOf(measurements), quick, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], help);
    }

    private static Size size(String option) {
        for (Size size : Size.values()) {
            if (size.option.equals(option)) {
                return size;
            }
        }
        return null;
    }

    private static int positive(String option, String text) {
        if (text == null) {
            throw new IllegalArgumentException(option + ": missing value (expected: a whole number > 0)");
        }
        int value;
        try {
            value = Integer.parseInt(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' (expected: a whole number > 0)");
        }
        if (value <= 0) {
            throw new IllegalArgumentException(option + ": " + value + " (expected: > 0)");
        }
        return value;
    }
}
