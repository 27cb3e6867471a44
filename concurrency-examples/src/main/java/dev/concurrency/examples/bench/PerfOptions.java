package dev.concurrency.examples.bench;

import dev.concurrency.examples.cli.CommandLine;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The parsed command line of {@link Perf}: which benchmarks to run, whether at
 * the {@code --quick} sizes (for tests), and how many warm passes.
 *
 * @param benchmarks which to run, in the order of {@link #ALL}
 * @param quick      whether the tiny sizes were asked for
 * @param passes     warm passes per row (the median is shown)
 */
record PerfOptions(List<String> benchmarks, boolean quick, int passes) {

    static final String TASKS = "tasks";
    static final String SLEEPERS = "sleepers";
    static final String FALLBACK = "fallback";
    static final String ECHO = "echo";
    static final String SWITCH = "switch";
    static final String PROCESS = "process";
    static final String WAITERS = "waiters";
    /** Every benchmark, in the order they run. */
    static final List<String> ALL = List.of(TASKS, SLEEPERS, FALLBACK, ECHO, SWITCH, PROCESS, WAITERS);

    static final Set<String> FLAGS = Set.of("--quick");
    static final Set<String> WITH_VALUE = Set.of("--passes");

    static final String USAGE = """
            usage: Perf [tasks] [sleepers] [fallback] [echo] [switch] [process] [waiters] [--quick] [--passes N]
              tasks     100,000 empty tasks per batch, us per task: VIRTUAL_THREAD, EVENT_LOOP, CALLBACK against a
                        bare virtual-thread executor, THREAD against a bare ThreadPoolExecutor of 256 threads;
                        and the blocked-loop watchdog's warnings meanwhile (target 0)
              sleepers  100,000 gated tasks (all begin, then each sleeps 1 s), fresh JVMs per row: wall time,
                        resident memory and heap per task, against a bare virtual-thread executor; then
                        1,000,000 sleepers under EVENT_LOOP and CALLBACK (not with --quick)
              fallback  EVENT_LOOP sleepers and echo in a JVM without --add-opens java.base/java.lang=ALL-UNNAMED
                        (the flag-free fallback coroutines) against one with it
              echo      1,000 connections x 100 round trips to a loopback echo server: EVENT_LOOP loops(1) and
                        loops(2), CALLBACK, against a hand-written selector client
              switch    ctx.sleep(Duration.ZERO) under EVENT_LOOP against a bare virtual thread on a one-thread
                        scheduler that parks and is unparked through it
              process   PROCESS: a warm round trip against a bare pipe round trip to another JVM, and open ->
                        first result against a bare JVM's start
              waiters   THREAD: 10,000 tasks each ctx.sleep(1 s), maxConcurrency(10_000), against a bare
                        ThreadPoolExecutor of 10,000 threads doing Thread.sleep(1 s)
              (none)    all of them, in this order: 11 to 14 minutes measured on 2 busy cores, less on idle ones
                        (waiters and sleepers take most); --quick: under a minute
            options:
              --quick     tiny sizes, for a smoke test (and no 1,000,000 sleepers)
              --passes N  warm passes per row, median shown (default 5; --quick: 1)
              --help      print this message
            Each benchmark prints one table: what, unit, cold (the first run in a fresh JVM), warm (median of
            the passes), the bare-JDK baseline measured in the same run, ratio (warm, or cold where there is no
            warm figure, over the baseline; where each pass has its baseline's pass beside it, the median of
            the passes' ratios), target and verdict (PASS/MISS; - where there is no target).
            Tables go to stdout, progress to stderr. Start the JVM with
            --add-opens java.base/java.lang=ALL-UNNAMED (child JVMs get the same flags).
            """;

    /**
     * @param line the parsed command line
     * @return the options
     * @throws IllegalArgumentException naming the bad argument
     */
    static PerfOptions of(CommandLine line) {
        Set<String> named = new LinkedHashSet<>();
        for (String word : line.words()) {
            if (!ALL.contains(word)) {
                throw new IllegalArgumentException("benchmark: '" + word + "' (expected: one of "
                        + String.join(", ", ALL) + ")");
            }
            named.add(word);
        }
        List<String> benchmarks = named.isEmpty() ? ALL : ALL.stream().filter(named::contains).toList();
        boolean quick = line.flag("--quick");
        return new PerfOptions(benchmarks, quick, line.positive("--passes", quick ? 1 : 5));
    }

    /** @return the options parsed from {@code args} */
    static PerfOptions parse(String... args) {
        return of(CommandLine.parse(args, FLAGS, WITH_VALUE));
    }

    /** @return the arguments that give a child JVM the same sizes */
    List<String> sizeArgs() {
        List<String> args = new ArrayList<>(List.of("--passes", Integer.toString(passes)));
        if (quick) {
            args.add("--quick");
        }
        return args;
    }

    /** @return how many passes run, unmeasured, before the warm ones */
    int warmUps() {
        return quick ? 1 : 2;
    }

    /** @return tasks: empty tasks per batch */
    int tasks() {
        return quick ? 2_000 : 100_000;
    }

    /** @return sleepers: tasks per run */
    int sleepers() {
        return quick ? 2_000 : 100_000;
    }

    /** @return sleepers and waiters: how long each task sleeps, ms (quick: long enough for the memory sample's GCs) */
    int sleepMs() {
        return quick ? 500 : 1_000;
    }

    /** @return sleepers: tasks of the one large run per loop strategy, or 0 for none */
    int millionSleepers() {
        return quick ? 0 : 1_000_000;
    }

    /** @return echo: concurrent connections */
    int connections() {
        return quick ? 20 : 1_000;
    }

    /** @return echo: round trips per connection */
    int roundTrips() {
        return quick ? 10 : 100;
    }

    /** @return switch: switches per run */
    int switches() {
        return quick ? 5_000 : 500_000;
    }

    /** @return process: round trips timed per pass */
    int processRoundTrips() {
        return quick ? 100 : 2_000;
    }

    /** @return waiters: THREAD tasks, and threads of the bare pool */
    int waiters() {
        return quick ? 200 : 10_000;
    }
}
