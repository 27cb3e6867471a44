package dev.concurrency.hazelcast.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller's handle on one member JVM of an embedded cluster: its process,
 * two threads reading its standard output (where it says it is ready) and
 * error (logged line by line, Hazelcast's own lines at DEBUG, and the last
 * lines kept for error messages), and its start-up time.
 *
 * <pre>
 *  launch() -> awaitReady() -> ... -> close()    its life; it may die at any point, and then
 *                                               the death callback runs once (unless closing)
 * </pre>
 * Thread-safe.
 */
final class MemberProcess {

    private static final Logger log = LoggerFactory.getLogger("dev.concurrency.member");
    /** How many of a member's last lines of output an error quotes. */
    private static final int TAIL_LINES = 30;
    /** How long a member whose standard input was closed may take to exit before it is killed. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(2);
    /** How long the readers of an exited member's output may take to see its end. */
    private static final Duration PIPE_GRACE = Duration.ofMillis(500);

    private final int id;
    private final Process process;
    private final long launchedNanos = System.nanoTime();
    private final CountDownLatch answered = new CountDownLatch(1);
    private final Consumer<MemberProcess> onDeath;
    private final Thread stdoutReader;
    private final Thread stderrReader;
    /** The last output lines; guarded by itself. */
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private volatile long startupNanos = -1;
    /** The port it listens on, once ready. */
    private volatile int port;
    private volatile boolean closing;

    private MemberProcess(int id, Process process, String threadPrefix, Consumer<MemberProcess> onDeath) {
        this.id = id;
        this.process = process;
        this.onDeath = onDeath;
        this.stdoutReader = Thread.ofPlatform().daemon().name(threadPrefix + "member-" + id + "-out")
                .start(this::readStdout);
        this.stderrReader = Thread.ofPlatform().daemon().name(threadPrefix + "member-" + id + "-err")
                .start(() -> readStderr(process.getErrorStream()));
    }

    /**
     * Starts a member JVM; it is not part of the cluster before {@link #awaitReady}.
     *
     * @param id           its number, from 1
     * @param command      its command line
     * @param threadPrefix the prefix of its reader threads' names
     * @param onDeath      called once, on a reader thread, if it exits before {@link #close()}
     * @return the member
     * @throws IOException if the process cannot be started at all
     */
    static MemberProcess launch(int id, List<String> command, String threadPrefix, Consumer<MemberProcess> onDeath)
            throws IOException {
        return new MemberProcess(id, new ProcessBuilder(command).start(), threadPrefix, onDeath);
    }

    /**
     * Waits until the member has joined its cluster.
     *
     * @param deadlineNanos when to give up, on the {@link System#nanoTime()} scale
     * @throws IllegalStateException with its exit status and standard error, if it exited or took too long
     * @throws InterruptedException  if interrupted while waiting
     */
    void awaitReady(long deadlineNanos) throws InterruptedException {
        boolean answeredInTime = answered.await(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (startupNanos >= 0) {
            return;
        }
        if (!answeredInTime) {
            kill();
        }
        OptionalInt status = awaitExit();
        List<String> lines = tail();
        throw new IllegalStateException("CLUSTER could not start cluster member " + id + " ("
                + (answeredInTime ? "" : "not ready in time; ")
                + (status.isPresent() ? "exit status " + status.getAsInt() : "no exit status") + "); its output: "
                + (lines.isEmpty() ? "(empty)" : "\n  " + String.join("\n  ", lines))
                + "\nIts JVM flags come from this JVM's, HazelcastFlags and ClusterOptions.memberJvmFlags");
    }

    private void readStdout() {
        try (BufferedReader lines = reader(process.getInputStream())) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (startupNanos < 0 && line.startsWith(MemberMain.READY)) {
                    String[] words = line.split(" ");
                    port = Integer.parseInt(words[words.length - 1]);
                    startupNanos = System.nanoTime() - launchedNanos;
                    answered.countDown();
                    log.debug("member {} (pid {}) ready in {} ms", id, pid(), startupNanos / 1_000_000);
                } else {
                    keep(line);
                    log.info("member {} (pid {}): (stdout) {}", id, pid(), line);
                }
            }
        } catch (IOException e) {
            log.debug("member {}: stdout ended: {}", id, e.toString());
        }
        answered.countDown();
        if (!closing) {
            onDeath.accept(this);
        }
    }

    private void readStderr(InputStream stream) {
        try (BufferedReader lines = reader(stream)) {
            String line;
            while ((line = lines.readLine()) != null) {
                keep(line);
                if (line.contains("com.hazelcast")) {
                    log.debug("member {} (pid {}): {}", id, pid(), line);
                } else {
                    log.info("member {} (pid {}): {}", id, pid(), line);
                }
            }
        } catch (IOException e) {
            log.debug("member {}: stderr ended: {}", id, e.toString());
        }
    }

    private static BufferedReader reader(InputStream stream) {
        return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
    }

    private void keep(String line) {
        synchronized (tail) {
            if (tail.size() == TAIL_LINES) {
                tail.removeFirst();
            }
            tail.addLast(line);
        }
    }

    /** {@return its last lines of output, oldest first} */
    List<String> tail() {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }

    /**
     * Waits until it has exited and its output is read (the readers see the pipes' end).
     *
     * @return its exit status, if learnt within the grace
     */
    OptionalInt awaitExit() {
        try {
            if (!process.waitFor(EXIT_GRACE.toNanos(), TimeUnit.NANOSECONDS)) {
                log.warn("member {} (pid {}) did not exit within {} ms; killing it", id, pid(), EXIT_GRACE.toMillis());
                kill();
                if (!process.waitFor(EXIT_GRACE.toNanos(), TimeUnit.NANOSECONDS)) {
                    return OptionalInt.empty();
                }
            }
            if (Thread.currentThread() != stdoutReader) {
                stdoutReader.join(PIPE_GRACE);
            }
            if (Thread.currentThread() != stderrReader) {
                stderrReader.join(PIPE_GRACE);
            }
            return OptionalInt.of(process.exitValue());
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }

    /** Asks the member to exit by closing its standard input, and waits until it has (killing it after a grace). */
    void close() {
        closing = true;
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            kill(); // its pipe is broken: it is going or gone
        }
        awaitExit();
    }

    /** Kills the member now (SIGKILL); does not wait. */
    void kill() {
        process.destroyForcibly();
    }

    /** {@return whether its reader threads are alive} */
    int liveThreads() {
        return (stdoutReader.isAlive() ? 1 : 0) + (stderrReader.isAlive() ? 1 : 0);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** {@return the loopback port it listens on; 0 before it is ready} */
    int port() {
        return port;
    }

    int id() {
        return id;
    }

    long pid() {
        return process.pid();
    }

    /** {@return from its launch until it joined the cluster; zero if it has not} */
    Duration startupTime() {
        return Duration.ofNanos(Math.max(0, startupNanos));
    }

    @Override
    public String toString() {
        return "member " + id + " (pid " + pid() + ")";
    }
}
