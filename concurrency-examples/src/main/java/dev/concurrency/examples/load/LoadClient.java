package dev.concurrency.examples.load;

import dev.concurrency.examples.cli.Jvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The handle on a {@link LoadGenerator} running in a JVM of its own, started
 * from this JVM's {@code java} and class path. Each measurement is two steps:
 * {@link #open} opens the connections (and returns once the server has
 * answered on each, so the caller can look at the server with every
 * connection open), then {@link #drive()} runs the round trips and returns
 * the figures, or {@link #release()} closes idle connections. {@link #close()}
 * always ends the JVM: politely, then forcibly after a few seconds.
 *
 * <p>Not thread-safe: one caller drives it.
 */
public final class LoadClient implements AutoCloseable {

    /** How long the generator may take beyond its own limits before it is deemed stuck. */
    private static final Duration SLACK = Duration.ofSeconds(150);
    private static final String EOF = "\u0000eof";

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Thread reader;
    private Duration running = Duration.ZERO;

    private LoadClient(Process process) {
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
        this.reader = Thread.ofPlatform().name("load-client-reader").daemon().start(this::readAnswers);
    }

    /**
     * Starts the generator's JVM.
     *
     * @return its handle
     * @throws IOException if the JVM cannot start
     */
    public static LoadClient start() throws IOException {
        Process process = new ProcessBuilder(Jvm.command(List.of("-Xmx512m", "-XX:+UseSerialGC"), LoadGenerator.class.getName(),
                        List.of()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new LoadClient(process);
    }

    /** {@return the generator's process id} */
    public long pid() {
        return process.pid();
    }

    private void readAnswers() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.US_ASCII))) {
            for (String line; (line = in.readLine()) != null; ) {
                answers.add(line);
            }
        } catch (IOException e) {
            // the process went away: the end of its answers
        } finally {
            answers.add(EOF);
        }
    }

    /**
     * Opens connections that echo a line back and forth once {@link #drive()} is called.
     *
     * @param server      the echo server
     * @param connections how many, all at once
     * @param warmUp      how long they run before the counted window
     * @param window      how long round trips are counted
     * @throws IOException if the generator could not open them, or has gone
     */
    public void open(InetSocketAddress server, int connections, Duration warmUp, Duration window)
            throws IOException {
        running = warmUp.plus(window);
        command(String.format(Locale.ROOT, "echo %s %d %d %d %d", server.getAddress().getHostAddress(),
                server.getPort(), connections, warmUp.toMillis(), window.toMillis()), "ready", SLACK);
    }

    /**
     * Opens connections that stay idle until {@link #release()}, each after one round trip.
     *
     * @param server      the server
     * @param connections how many
     * @throws IOException if the generator could not open them, or has gone
     */
    public void openIdle(InetSocketAddress server, int connections) throws IOException {
        openIdle(server, connections, true);
    }

    /**
     * Opens connections that stay idle until {@link #release()}.
     *
     * @param server      the server
     * @param connections how many
     * @param roundTrip   whether each makes one round trip first (returning once the server has answered on
     *                    each); if not, each only connects, and the server may not have accepted them all yet
     * @throws IOException if the generator could not open them, or has gone
     */
    public void openIdle(InetSocketAddress server, int connections, boolean roundTrip) throws IOException {
        running = Duration.ZERO;
        command(String.format(Locale.ROOT, "idle %s %d %d%s", server.getAddress().getHostAddress(),
                server.getPort(), connections, roundTrip ? "" : " connect"), "ready", SLACK);
    }

    /**
     * Runs the round trips of the connections {@link #open} opened, then closes them.
     *
     * @return the figures of the counted window
     * @throws IOException if a round trip failed, or the generator has gone
     */
    public Result drive() throws IOException {
        String[] w = command("go", "result", running.plus(SLACK)).split(" ");
        return new Result(Long.parseLong(w[1]), Duration.ofNanos(Long.parseLong(w[2])),
                Duration.ofNanos(Long.parseLong(w[3])), Duration.ofNanos(Long.parseLong(w[4])));
    }

    /**
     * Closes the idle connections {@link #openIdle} opened.
     *
     * @throws IOException if the generator has gone
     */
    public void release() throws IOException {
        command("go", "closed", SLACK);
    }

    /** Sends a command and waits for the answer that starts with {@code expected}. */
    private String command(String line, String expected, Duration limit) throws IOException {
        commands.write(line + "\n");
        commands.flush();
        String answer;
        try {
            answer = answers.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted waiting for the load generator");
        }
        if (answer == null) {
            throw new IOException("the load generator did not answer '" + line + "' within " + limit.toSeconds() + " s");
        }
        if (answer.equals(EOF)) {
            throw new IOException("the load generator exited (" + line + ")");
        }
        if (!answer.startsWith(expected)) {
            throw new IOException("load generator: " + answer);
        }
        return answer;
    }

    /**
     * Ends the generator's JVM (it closes its connections as it goes) and waits
     * until it is gone: asked to quit, then killed if it has not within 5 s.
     */
    @Override
    public void close() {
        try {
            try {
                commands.write("quit\n");
                commands.close();
            } catch (IOException e) {
                // it has gone already
            }
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The figures of one counted window, as the generator measured them.
     *
     * @param requests round trips completed in the window
     * @param window   the window's length
     * @param p50      median latency of a round trip
     * @param p99      99th percentile latency
     */
    public record Result(long requests, Duration window, Duration p50, Duration p99) {

        /** {@return round trips per second} */
        public double requestsPerSecond() {
            return requests * 1e9 / window.toNanos();
        }
    }
}
