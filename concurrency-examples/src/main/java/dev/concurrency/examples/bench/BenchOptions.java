package dev.concurrency.examples.bench;

import dev.concurrency.examples.cli.CommandLine;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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
 */
record BenchOptions(List<String> measurements, boolean quick, int tasks, int sleepMs, int runs, int connections,
                    int roundTrips, int passes, int switches, int switchRuns) {

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

    /** The flags. */
    static final Set<String> FLAGS = Set.of("--quick");
    /** The options that take a value: one per size. */
    static final Set<String> WITH_VALUE = Arrays.stream(Size.values()).map(size -> size.option)
            .collect(Collectors.toUnmodifiableSet());

    /**
     * @param args the command line
     * @return the options
     * @throws IllegalArgumentException naming the bad argument
     */
    static BenchOptions parse(String[] args) {
        return of(CommandLine.parse(args, FLAGS, WITH_VALUE));
    }

    /**
     * @param line the parsed command line
     * @return the options
     * @throws IllegalArgumentException naming the bad argument
     */
    static BenchOptions of(CommandLine line) {
        Set<String> measurements = new LinkedHashSet<>();
        for (String word : line.words()) {
            switch (word) {
                case SLEEPERS, ECHO, SWITCH -> measurements.add(word);
                case ALL -> measurements.addAll(List.of(SLEEPERS, ECHO, SWITCH));
                default -> throw new IllegalArgumentException("measurement: '" + word
                        + "' (expected: one of sleepers, echo, switch, all)");
            }
        }
        if (measurements.isEmpty()) {
            measurements.addAll(List.of(SLEEPERS, ECHO, SWITCH));
        }
        boolean quick = line.flag("--quick");
        int[] v = new int[Size.values().length];
        for (Size size : Size.values()) {
            v[size.ordinal()] = line.positive(size.option, quick ? size.quick : size.full);
        }
        return new BenchOptions(List.copyOf(measurements), quick, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    }
}
