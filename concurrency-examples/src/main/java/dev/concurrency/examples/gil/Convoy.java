package dev.concurrency.examples.gil;

import dev.concurrency.Concurrency;
import dev.concurrency.ConnectionHandler;
import dev.concurrency.Gil;
import dev.concurrency.RunOptions;
import dev.concurrency.Runner;
import dev.concurrency.Server;
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
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The convoy effect: an echo server ({@link Concurrency#serve} under
 * {@code THREAD}, a thread per connection, every socket read and write of its
 * handlers releasing the GIL and taking it back) answers a client that sends a
 * line and waits for it back, as fast as it can. The client is a plain thread
 * outside the server (as a client process would be) and counts round trips
 * per second over a fixed window. Then the same with a CPU-bound task beside
 * the server under the same lock: a second connection whose handler, asked
 * {@value #SPIN}, computes fib({@value #SPIN_N}) over and over until the
 * window is over. Under {@code python3} the echo handler, back from each
 * socket wait, has to wait for the lock until the switch interval runs out and
 * the CPU-bound handler drops it. Last, the CPU-bound task in a worker process
 * instead, with a lock of its own, as a Python program would move it to a
 * {@code ProcessPoolExecutor}.
 */
public final class Convoy {

    static final String TITLE = "Convoy";
    static final String BASELINE = Figures.label(Gil.off()) + " alone";
    /** The locks of the rows, in order: none, then python3 with a shorter and shorter switch interval. */
    public static final List<Gil> LOCKS = List.of(Gil.off(), Gil.python3(Duration.ofMillis(5)),
            Gil.python3(Duration.ofMillis(1)), Gil.python3(Duration.ofNanos(100_000)));
    /** The CPU-bound task computes fib(SPIN_N) over and over; about 0.1 ms each. */
    static final int SPIN_N = 20;
    /** The first line that makes a connection's handler the CPU-bound task. */
    static final String SPIN = "spin";
    private static final byte[] PING = "ping\n".getBytes(StandardCharsets.US_ASCII);
    /** How long the client waits for the server to connect, or for an answer, before it gives up. */
    private static final int CLIENT_TIMEOUT_MS = 10_000;
    private static final Duration TASK_TIMEOUT_SLACK = Duration.ofSeconds(30);

    private Convoy() {
    }

    /**
     * The server's handler: echoes each line until the client closes; but a
     * connection whose first line is {@value #SPIN} is the CPU-bound task: it
     * answers {@code spinning}, computes fib({@value #SPIN_N}) over and over
     * until {@code stop} is set, then answers how many it computed.
     *
     * @param stop set when the client's window is over
     * @return the handler
     */
    static ConnectionHandler handler(AtomicBoolean stop) {
        return (connection, ctx) -> {
            String line = connection.readLine();
            if (SPIN.equals(line)) {
                connection.write("spinning\n");
                connection.write(spin(ctx, SPIN_N, stop::get) + "\n");
                return;
            }
            for (; line != null; line = connection.readLine()) {
                connection.write(line + "\n");
            }
        };
    }

    /** Computes fib(n), with a checkpoint per call, over and over until {@code done}; returns how often. */
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
     * @param spinsPerSec    fib({@value #SPIN_N}) computed per second by the CPU-bound task beside the server; NaN
     *                       without one, or where it ran elsewhere
     * @param failure        why there are no figures; {@code null} if there are
     */
    public record Row(String label, Gil gil, double requestsPerSec, long requests, double spinsPerSec,
                      String failure) {
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
     *
     * @param n    the fib argument
     * @param time how long it spins
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
                        : String.format(Locale.ROOT, "%.1f requests/s, CPU task %.0f fib/s", row.requestsPerSec(),
                        row.spinsPerSec())));
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
     * The rows as a table: round trips, their rate and its ratio to the first row, and the CPU-bound task's rate.
     *
     * @param rows   the measured rows
     * @param warmUp how long the client warmed up
     * @param window how long it counted
     * @return the table under its title
     */
    public static Table table(List<Row> rows, Duration warmUp, Duration window) {
        String title = String.format(Locale.ROOT, "%s: echo server on THREAD (Concurrency.serve), one client doing"
                        + " round trips for %s s (after %s s warm-up); CPU task: a handler computing fib(%d) in a"
                        + " loop", TITLE, Figures.seconds(window), Figures.seconds(warmUp), SPIN_N);
        Table table = new Table(title, "run", "requests", "requests/s", "vs " + BASELINE,
                "CPU task fib(" + SPIN_N + ")/s");
        double baseline = rows.getFirst().failure() == null ? rows.getFirst().requestsPerSec() : Double.NaN;
        for (Row row : rows) {
            if (row.failure() != null) {
                table.note(row.label(), row.failure());
                continue;
            }
            table.row(row.label(), Long.toString(row.requests()), Figures.fixed(row.requestsPerSec(), 1),
                    Double.isNaN(baseline) ? Figures.NONE : Figures.fixed(row.requestsPerSec() / baseline, 3),
                    Double.isNaN(row.spinsPerSec()) ? Figures.NONE : Figures.fixed(row.spinsPerSec(), 0));
        }
        return table;
    }

    /** Serves under {@code gil} (with the CPU-bound handler beside the echo) while the client counts round trips. */
    static Row measure(Gil gil, boolean withCpuTask, Duration warmUp, Duration window) {
        String label = label(gil, withCpuTask);
        AtomicBoolean stop = new AtomicBoolean();
        RunOptions options = RunOptions.of(Strategy.THREAD).gil(gil)
                .taskTimeout(warmUp.plus(window).plus(TASK_TIMEOUT_SLACK));
        try (Server server = Concurrency.serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                handler(stop), options)) {
            try (Peer spinner = withCpuTask ? new Peer(server.address()) : null) {
                long spinStart = System.nanoTime();
                if (spinner != null) {
                    spinner.send(SPIN);
                    spinner.expect("spinning");
                }
                long[] counted;
                try (Peer client = new Peer(server.address())) {
                    counted = drive(client, warmUp, window);
                } finally {
                    stop.set(true);
                }
                double spins = Double.NaN;
                if (spinner != null) {
                    long rounds = Long.parseLong(spinner.in.readLine());
                    spins = rounds * 1e9 / (System.nanoTime() - spinStart);
                }
                server.close();
                if (server.stats().handlerFailures() > 0) {
                    return failed(label, gil, "failed: " + server.stats().handlerFailures() + " handler(s) failed");
                }
                return new Row(label, gil, counted[0] * 1e9 / counted[1], counted[0], spins, null);
            }
        } catch (IOException | RuntimeException e) {
            return failed(label, gil, "failed: " + e);
        } finally {
            stop.set(true);
        }
    }

    /**
     * The server alone under {@code gil}, while the CPU-bound task spins in a
     * worker process with a lock of its own, started (and its worker ready)
     * before the client begins.
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
            return new Row(processLabel(), row.gil(), row.requestsPerSec(), row.requests(), Double.NaN,
                    row.failure());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(processLabel(), gil, "interrupted");
        }
    }

    private static Row failed(String label, Gil gil, String why) {
        return new Row(label, gil, 0, 0, Double.NaN, why);
    }

    /** A plain blocking client connection to the server. */
    private static final class Peer implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        Peer(InetSocketAddress server) throws IOException {
            socket = new Socket(server.getAddress(), server.getPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(CLIENT_TIMEOUT_MS);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = socket.getOutputStream();
        }

        void send(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        }

        void expect(String line) throws IOException {
            String got = in.readLine();
            if (!line.equals(got)) {
                throw new IOException("the server answered '" + got + "' (expected: '" + line + "')");
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /**
     * The client: does round trips for the warm-up and then counts them for the window.
     *
     * @return round trips in the window, and its length in ns
     */
    private static long[] drive(Peer client, Duration warmUp, Duration window) throws IOException {
        long warmEnd = System.nanoTime() + warmUp.toNanos();
        while (System.nanoTime() < warmEnd) {
            roundTrip(client);
        }
        long start = System.nanoTime();
        long end = start + window.toNanos();
        long counted = 0;
        long now;
        do {
            roundTrip(client);
            counted++;
            now = System.nanoTime();
        } while (now < end);
        return new long[] {counted, now - start};
    }

    private static void roundTrip(Peer client) throws IOException {
        client.out.write(PING);
        client.expect("ping");
    }
}
