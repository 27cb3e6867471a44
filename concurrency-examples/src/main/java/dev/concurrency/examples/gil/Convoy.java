package dev.concurrency.examples.gil;

import dev.concurrency.Concurrency;
import dev.concurrency.Connection;
import dev.concurrency.Gil;
import dev.concurrency.GilStats;
import dev.concurrency.RunOptions;
import dev.concurrency.Runner;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.TaskContext;
import dev.concurrency.TaskInfo;
import dev.concurrency.TaskListener;
import dev.concurrency.examples.text.Figures;
import dev.concurrency.examples.text.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The convoy effect: an echo server, a task under {@code THREAD} whose every
 * socket read and write releases the GIL and takes it back, answers a client
 * that sends a line and waits for it back, as fast as it can. The client is a
 * plain thread outside the run (as a client process would be) and counts
 * round trips per second over a fixed window. Then the same with a CPU-bound
 * task beside the server in the same run: under {@code python3} the server,
 * back from each socket wait, has to wait for the lock until the switch
 * interval runs out and the CPU-bound task drops it. Last, the CPU-bound task
 * in a worker process instead, with a lock of its own, as a Python program
 * would move it to a {@code ProcessPoolExecutor}.
 *
 * <p>The server task connects out to the client's listening socket
 * ({@link TaskContext#connect}), since tasks have no way to accept.
 */
public final class Convoy {

    static final String TITLE = "Convoy";
    static final String BASELINE = Figures.label(Gil.off()) + " alone";
    /** The locks of the rows, in order: none, then python3 with a shorter and shorter switch interval. */
    public static final List<Gil> LOCKS = List.of(Gil.off(), Gil.python3(Duration.ofMillis(5)),
            Gil.python3(Duration.ofMillis(1)), Gil.python3(Duration.ofNanos(100_000)));
    /** The CPU-bound task computes fib(SPIN_N) over and over; about 0.1 ms each. */
    static final int SPIN_N = 20;
    private static final byte[] PING = "ping\n".getBytes(StandardCharsets.US_ASCII);
    /** How long the client waits for the server to connect, or for an answer, before it gives up. */
    private static final int CLIENT_TIMEOUT_MS = 10_000;
    private static final Duration TASK_TIMEOUT_SLACK = Duration.ofSeconds(30);

    private Convoy() {
    }

    /**
     * Connects to the client and echoes each line it sends until it closes;
     * then tells the other tasks to stop. Its value is the number of lines echoed.
     */
    record EchoServerTask(InetSocketAddress client, AtomicBoolean stop) implements Task<Long> {
        @Override
        public Long run(TaskContext ctx) throws IOException {
            long echoed = 0;
            try (Connection connection = ctx.connect(client)) {
                String line;
                while ((line = connection.readLine()) != null) {
                    connection.write(line + "\n");
                    echoed++;
                }
                return echoed;
            } finally {
                stop.set(true);
            }
        }

        @Override
        public String name() {
            return "echo server";
        }
    }

    /** Computes fib(n), with a checkpoint per call, over and over until told to stop; its value is how often. */
    record SpinTask(int n, AtomicBoolean stop) implements Task<Long> {
        @Override
        public Long run(TaskContext ctx) throws InterruptedException {
            return spin(ctx, n, stop::get);
        }

        @Override
        public String name() {
            return "CPU-bound";
        }
    }

    /** Computes fib(n) over and over until {@code done}; returns how often. */
    private static long spin(TaskContext ctx, int n, java.util.function.BooleanSupplier done)
            throws InterruptedException {
        long rounds = 0;
        while (!done.getAsBoolean()) {
            CpuBound.fib(ctx, n);
            rounds++;
        }
        return rounds;
    }

    /**
     * One row's figures.
     *
     * @param label          the row's label
     * @param gil            the lock
     * @param requestsPerSec round trips per second in the window
     * @param requests       round trips in the window
     * @param echoed         lines the server echoed, warm-up included
     * @param serverGil      what the lock did for the server task
     * @param runGil         what the lock did for the whole run
     * @param failure        why there are no figures; {@code null} if there are
     */
    public record Row(String label, Gil gil, double requestsPerSec, long requests, long echoed, GilStats serverGil,
               GilStats runGil, String failure) {
    }

    static String label(Gil gil, boolean withCpuTask) {
        return Figures.label(gil) + (withCpuTask ? " + CPU task" : ", alone");
    }

    /** @return the row label of the run with the CPU-bound task in a worker process, with its own lock */
    static String processLabel() {
        return Figures.label(LOCKS.get(1)) + " + CPU task on PROCESS";
    }

    /**
     * Computes fib(n), with a checkpoint per call, over and over for a while;
     * its value is how often. Serializable, to run in a worker process.
     */
    record TimedSpinTask(int n, Duration time) implements Task<Long> {
        @Override
        public Long run(TaskContext ctx) throws InterruptedException {
            long end = System.nanoTime() + time.toNanos();
            return spin(ctx, n, () -> System.nanoTime() >= end);
        }

        @Override
        public String name() {
            return "CPU-bound, in a worker";
        }
    }

    /**
     * Runs the experiment.
     *
     * @return the title line and the table
     */
    static String run(GilExperiment.Sizes sizes, PrintStream err) {
        return table(measureAll(sizes.convoyWarmUp(), sizes.convoyWindow(), err), sizes.convoyWarmUp(),
                sizes.convoyWindow()).format();
    }

    /**
     * Measures every row: each lock of {@link #LOCKS}, the server alone and beside the CPU-bound task,
     * then python3 with the CPU-bound task in a worker process.
     *
     * @param warmUp how long the client does round trips before it counts them
     * @param window how long it counts them
     * @param err    where progress goes
     * @return the rows, in table order
     */
    public static List<Row> measureAll(Duration warmUp, Duration window, PrintStream err) {
        List<Row> rows = new ArrayList<>();
        for (Gil gil : LOCKS) {
            for (boolean withCpuTask : List.of(false, true)) {
                Row row = measure(gil, withCpuTask, warmUp, window);
                err.println("convoy: " + row.label() + ": " + (row.failure() != null ? row.failure()
                        : String.format(Locale.ROOT, "%.1f requests/s, %s", row.requestsPerSec(), row.runGil())));
                rows.add(row);
            }
        }
        Row process = measureWithCpuOnProcess(LOCKS.get(1), warmUp, window);
        err.println("convoy: " + process.label() + ": " + (process.failure() != null ? process.failure()
                : String.format(Locale.ROOT, "%.1f requests/s", process.requestsPerSec())));
        rows.add(process);
        return rows;
    }

    /**
     * @param rows   the measured rows
     * @param warmUp how long the client warmed up
     * @param window how long it counted
     * @return the table under its title
     */
    public static Table table(List<Row> rows, Duration warmUp, Duration window) {
        String title = String.format(Locale.ROOT, "%s: echo server task on THREAD, one client doing round trips for"
                        + " %s s (after %s s warm-up); CPU task: fib(%d) in a loop", TITLE,
                Figures.seconds(window), Figures.seconds(warmUp), SPIN_N);
        Table table = new Table(title, "run", "requests", "requests/s", "vs " + BASELINE, "GIL wait/req (ms)",
                "drops", "switches");
        double baseline = rows.getFirst().failure() == null ? rows.getFirst().requestsPerSec() : Double.NaN;
        for (Row row : rows) {
            if (row.failure() != null) {
                table.note(row.label(), row.failure());
                continue;
            }
            boolean locked = !row.gil().isOff();
            table.row(row.label(), Long.toString(row.requests()), Figures.fixed(row.requestsPerSec(), 1),
                    Double.isNaN(baseline) ? Figures.NONE : Figures.fixed(row.requestsPerSec() / baseline, 3),
                    locked && row.echoed() > 0
                            ? Figures.fixed(row.serverGil().waitTime().toNanos() / 1e6 / row.echoed(), 3)
                            : Figures.NONE,
                    locked ? Long.toString(row.runGil().forcedDrops()) : Figures.NONE,
                    locked ? Long.toString(row.runGil().switches()) : Figures.NONE);
        }
        return table;
    }

    /** Runs the server (and the CPU-bound task) under {@code gil} while the client counts round trips. */
    static Row measure(Gil gil, boolean withCpuTask, Duration warmUp, Duration window) {
        String label = label(gil, withCpuTask);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(CLIENT_TIMEOUT_MS);
            AtomicBoolean stop = new AtomicBoolean();
            FutureTask<long[]> client = new FutureTask<>(() -> drive(listener, stop, warmUp, window));
            Thread.ofPlatform().name("convoy-client").daemon().start(client);
            InetSocketAddress address = new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
            List<Task<Long>> tasks = new ArrayList<>(List.of(new EchoServerTask(address, stop)));
            if (withCpuTask) {
                tasks.add(new SpinTask(SPIN_N, stop));
            }
            RunOptions options = RunOptions.of(Strategy.THREAD).gil(gil)
                    .taskTimeout(warmUp.plus(window).plus(TASK_TIMEOUT_SLACK));
            Runs.Measured run;
            try {
                run = Runs.once(new Runs.Variant(label, options), tasks);
            } finally {
                stop.set(true);
            }
            long[] counted = null;
            String clientFailure = null;
            try {
                counted = client.get();
            } catch (ExecutionException e) {
                clientFailure = "failed: client: " + e.getCause();
            }
            if (run.failure() != null || clientFailure != null) {
                return failed(label, gil, run.failure() != null ? run.failure() : clientFailure);
            }
            GilStats server = run.stats().tasks().getFirst().gil();
            return new Row(label, gil, counted[0] * 1e9 / counted[1], counted[0], counted[2], server,
                    run.stats().gil(), null);
        } catch (IOException | InterruptedException e) {
            return failed(label, gil, "failed: " + e);
        }
    }

    /**
     * The server alone in its run under {@code gil}, while the CPU-bound task
     * spins in a worker process with a lock of its own, started (and its
     * worker ready) before the client begins.
     */
    static Row measureWithCpuOnProcess(Gil gil, Duration warmUp, Duration window) {
        CountDownLatch spinning = new CountDownLatch(1);
        TaskListener started = new TaskListener() {
            @Override
            public void started(TaskInfo task) {
                spinning.countDown();
            }
        };
        Duration spin = warmUp.plus(window).plus(TASK_TIMEOUT_SLACK);
        try (Runner worker = Concurrency.open(RunOptions.of(Strategy.PROCESS).workers(1).gil(gil).listener(started))) {
            CompletableFuture<Long> cpu = worker.submit(new TimedSpinTask(SPIN_N, spin));
            spinning.await();
            Row row = measure(gil, false, warmUp, window);
            cpu.cancel(true); // kills the worker: the experiment is over
            return new Row(processLabel(), row.gil(), row.requestsPerSec(), row.requests(), row.echoed(),
                    row.serverGil(), row.runGil(), row.failure());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(processLabel(), gil, "interrupted");
        }
    }

    private static Row failed(String label, Gil gil, String why) {
        return new Row(label, gil, 0, 0, 0, GilStats.NONE, GilStats.NONE, why);
    }

    /**
     * The client: accepts the server's connection, does round trips for the
     * warm-up and then counts them for the window, then closes.
     *
     * @return round trips in the window, its length in ns, and round trips in all
     */
    private static long[] drive(ServerSocket listener, AtomicBoolean stop, Duration warmUp, Duration window)
            throws IOException {
        try (Socket socket = listener.accept()) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(CLIENT_TIMEOUT_MS);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            long total = 0;
            long warmEnd = System.nanoTime() + warmUp.toNanos();
            while (System.nanoTime() < warmEnd) {
                roundTrip(in, out);
                total++;
            }
            long start = System.nanoTime();
            long end = start + window.toNanos();
            long counted = 0;
            long now;
            do {
                roundTrip(in, out);
                counted++;
                now = System.nanoTime();
            } while (now < end);
            return new long[] {counted, now - start, total + counted};
        } finally {
            stop.set(true);
        }
    }

    private static void roundTrip(BufferedReader in, OutputStream out) throws IOException {
        out.write(PING);
        String line = in.readLine();
        if (!"ping".equals(line)) {
            throw new IOException("echo: '" + line + "' (expected: 'ping')");
        }
    }
}
