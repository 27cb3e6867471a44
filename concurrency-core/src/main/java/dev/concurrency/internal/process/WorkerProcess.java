package dev.concurrency.internal.process;

import dev.concurrency.WorkerStats;
import dev.concurrency.internal.engine.ThreadTracker;
import dev.concurrency.spi.RemoteFigures;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parent's handle on one worker JVM: its channel (a {@link Rendezvous}
 * socket it connects back to), its standard output and error (logged line by
 * line with the worker's id, and the last lines kept for crash reports: a
 * JVM's crash report goes there), and its figures.
 *
 * <pre>
 *  launch() -> awaitReady() -> call(job)* -> close()     the worker's life
 *                    any of them may meet the worker's death: kill() causes it
 * </pre>
 * Used by one {@link WorkerSlot}'s thread, except {@link #kill()} and
 * {@link #stats()}, which any thread may call.
 */
final class WorkerProcess {

    private static final Logger log = LoggerFactory.getLogger("dev.concurrency.worker");

    /** How many of a worker's last lines of output a crash report quotes. */
    static final int STDERR_TAIL_LINES = 30;
    /** How long a worker may take to start before it is killed (a JVM that hangs at start-up). */
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    /** How often a starting worker is checked for having exited. */
    private static final Duration START_CHECK = Duration.ofMillis(20);
    /** How long the readers of an exited worker's output may take to see its end. */
    private static final Duration PIPE_GRACE = Duration.ofMillis(500);
    /** How long a worker whose standard input was closed may take to exit before it is killed. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(2);
    /**
     * The same for a worker that writes a class-data archive as it exits
     * (some 0.2 to 1 s on a JDK's and a library's classes, more on a loaded
     * machine); cut short, it would only leave no archive, made again later.
     */
    static final Duration ARCHIVING_EXIT_GRACE = Duration.ofSeconds(20);

    private final int id;
    private final Process process;
    private final Rendezvous rendezvous;
    private final WorkerClassPath classPath;
    private final boolean explicitClassPath;
    /** The class-data archive it writes as it exits, if it does. */
    private final ClassDataCache.Making making;
    /** The channel, once the worker has connected; set by the slot's thread before its first frame. */
    private SocketChannel channel;
    private DataOutputStream toWorker;
    private DataInputStream fromWorker;
    private final Thread stderrPump;
    private final Thread stdoutPump;
    private final ThreadTracker threads;
    private final long launchedNanos;
    /** The last stderr lines; guarded by itself. */
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private volatile long startupNanos = -1;
    private volatile long tasks;
    private volatile long cpuNanos;
    private long nextJobId;

    private WorkerProcess(int id, Process process, Rendezvous rendezvous, WorkerClassPath classPath,
                          boolean explicitClassPath, ThreadTracker threads, ClassDataCache.Making making) {
        this.id = id;
        this.making = making;
        this.process = process;
        this.rendezvous = rendezvous;
        this.classPath = classPath;
        this.explicitClassPath = explicitClassPath;
        this.launchedNanos = System.nanoTime();
        this.threads = threads;
        this.stderrPump = threads.start(() -> pump(process.getErrorStream(), ""));
        this.stdoutPump = threads.start(() -> pump(process.getInputStream(), "(stdout) "));
        try {
            process.getOutputStream().close(); // a task reading System.in finds it empty
        } catch (IOException e) {
            // the worker is gone already; awaitReady says so
        }
    }

    /**
     * Starts a worker JVM; it is not ready for jobs before {@link #awaitReady()}.
     *
     * @param id                the worker's number within its runner
     * @param command           its command line
     * @param classPath         the class path in it, for errors and {@link #classPath()}
     * @param explicitClassPath whether the user set that class path
     * @param threads           makes (and tracks) the thread that reads its standard error
     * @param making            the class-data archive it writes as it exits, or {@code null}
     * @return the worker
     * @throws IOException if the process cannot be started at all
     */
    static WorkerProcess launch(int id, List<String> command, WorkerClassPath classPath, boolean explicitClassPath,
                                ThreadTracker threads, ClassDataCache.Making making) throws IOException {
        Rendezvous rendezvous = Rendezvous.open();
        try {
            List<String> withAddress = new ArrayList<>(command);
            withAddress.add(rendezvous.address());
            return new WorkerProcess(id, new ProcessBuilder(withAddress).start(), rendezvous, classPath,
                    explicitClassPath, threads, making);
        } catch (IOException | RuntimeException e) {
            rendezvous.close();
            throw e;
        }
    }

    /**
     * Waits for the worker's first message.
     *
     * @throws WorkerStartException if it exits (or is killed) instead
     */
    void awaitReady() throws WorkerStartException {
        CountDownLatch answered = new CountDownLatch(1);
        threads.start(() -> watchStart(answered));
        Message first;
        try {
            channel = rendezvous.accept();
            toWorker = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
            fromWorker = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
            first = Frames.read(fromWorker);
        } catch (IOException e) {
            kill(); // it exited before it connected, or wrote something else than frames
            first = null;
        } finally {
            answered.countDown();
        }
        if (!(first instanceof Message.Ready)) {
            String exit = exitDescription();
            List<String> stderr = stderrTail();
            throw new WorkerStartException("could not start a worker JVM (" + exit + "); its stderr: "
                    + (stderr.isEmpty() ? "(empty)" : String.join("\n  ", stderr)) + classPathHint(stderr));
        }
        startupNanos = System.nanoTime() - launchedNanos;
        log.debug("worker {} (pid {}) ready in {} ms", id, pid(), startupNanos / 1_000_000);
    }

    /** When the worker could not load a class: which class path it had, and how to set another. */
    private String classPathHint(List<String> stderr) {
        boolean missingClass = stderr.stream().anyMatch(line -> line.contains("Could not find or load main class")
                || line.contains("ClassNotFoundException") || line.contains("NoClassDefFoundError"));
        if (!missingClass) {
            return "";
        }
        return "\nThe worker's class path was " + (explicitClassPath ? "set by ProcessOptions.workerClassPath: "
                : "gathered from this JVM's class path and class loaders: ") + classPath
                + (explicitClassPath ? "" : "\nIf this JVM's launcher hides where the library and the tasks were"
                + " loaded from, set it with RunOptions.workerClassPath(...) (or ProcessOptions.workerClassPath)");
    }

    /** @return the class path the worker was started with */
    WorkerClassPath classPath() {
        return classPath;
    }

    /**
     * Until the worker's first message: stops waiting for its connection if
     * it exits first (a JVM that cannot start), and kills it if it takes
     * longer than {@link #START_LIMIT} (a JVM that hangs at start-up). Its own
     * thread, with bounded waits: the JDK's {@code Process.onExit()} completes
     * on the common pool, which a task may keep busy.
     */
    private void watchStart(CountDownLatch answered) {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        try {
            while (!answered.await(0, TimeUnit.NANOSECONDS)) {
                if (process.waitFor(START_CHECK.toNanos(), TimeUnit.NANOSECONDS)) {
                    rendezvous.close(); // it exited without connecting: the accept must not wait for it
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    log.warn("{} did not start within {} s; killing it", this, START_LIMIT.toSeconds());
                    kill();
                    rendezvous.close();
                    return;
                }
            }
        } catch (InterruptedException e) {
            kill();
            rendezvous.close();
        }
    }

    /**
     * Runs a job and waits for its reply.
     *
     * @param index the task's position in its run
     * @param name  its name
     * @param task  the serialized task
     * @param gil   the worker's interpreter lock
     * @return the reply
     * @throws IOException if the worker died meanwhile (EOF) or its frames are broken
     */
    Message.Reply call(int index, String name, byte[] task, dev.concurrency.Gil gil) throws IOException {
        long jobId = ++nextJobId;
        Frames.write(toWorker, new Message.Job(jobId, index, name, task, gil));
        Message message = Frames.read(fromWorker);
        if (message == null) {
            throw new EOFException("the worker's channel ended");
        }
        if (!(message instanceof Message.Reply reply) || reply.id() != jobId) {
            throw new IOException("unexpected message from worker " + id + ": " + message);
        }
        tasks++;
        cpuNanos = reply.cpuNanos();
        return reply;
    }

    /** Kills the worker now (SIGKILL); does not wait. Any thread may call it. */
    void kill() {
        process.destroyForcibly();
    }

    /**
     * Asks the worker to exit by closing its channel, and waits until it
     * has; kills it if it takes longer than a grace period (a longer one for
     * a worker that writes a class-data archive as it exits).
     */
    void close() {
        try {
            if (channel != null) {
                channel.close();
            } else {
                kill();
            }
        } catch (IOException e) {
            // it is gone already
        }
        awaitExit(making != null ? ARCHIVING_EXIT_GRACE : EXIT_GRACE);
    }

    /**
     * Waits until the process has exited (killing it after {@code grace}) and its stderr is read.
     *
     * @param grace how long it may take on its own
     * @return its exit status, if learnt
     */
    OptionalInt awaitExit(Duration grace) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (!process.waitFor(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                        log.warn("worker {} (pid {}) did not exit within {} ms; killing it", id, pid(), grace.toMillis());
                        kill();
                        process.waitFor();
                    }
                    if (making != null) {
                        making.workerExited(process.exitValue());
                    }
                    closeChannel();
                    joinOrLetGo(stderrPump, "stderr");
                    joinOrLetGo(stdoutPump, "stdout");
                    return OptionalInt.of(process.exitValue());
                } catch (InterruptedException e) {
                    interrupted = true; // the worker must be gone before we return: keep waiting
                    kill();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits a little for a reader of the exited worker's output to see its
     * end; a process the worker started may have inherited the pipe and keep
     * it open (a task's {@code ProcessBuilder.inheritIO()}), so the reader is
     * then let go (abandoned, not joined) rather than waited for until that
     * process exits.
     */
    private void joinOrLetGo(Thread reader, String stream) throws InterruptedException {
        if (!reader.join(PIPE_GRACE)) {
            log.warn("worker {} (pid {}) has exited, but its {} is still open {} ms later (a process it started "
                    + "inherited it?); no longer waiting for it", id, pid(), stream, PIPE_GRACE.toMillis());
            ThreadTracker.abandon(reader);
        }
    }

    /** @return whether the process is still running */
    boolean isAlive() {
        return process.isAlive();
    }

    /** @return the worker's number */
    int id() {
        return id;
    }

    /** @return its process id */
    long pid() {
        return process.pid();
    }

    /** @return the worker process's CPU time as of its last reply */
    long cpuNanos() {
        return cpuNanos;
    }

    /** @return its last lines on stderr, oldest first */
    List<String> stderrTail() {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }

    /** @return its figures now */
    WorkerStats stats() {
        return RemoteFigures.processOnThisMachine(id, pid(), Duration.ofNanos(Math.max(0, startupNanos)), tasks);
    }

    private String exitDescription() {
        OptionalInt status = awaitExit(EXIT_GRACE);
        return status.isPresent() ? "exit status " + status.getAsInt() : "no exit status";
    }

    private void closeChannel() {
        rendezvous.close();
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // closed is closed
        }
    }

    private void pump(InputStream stream, String prefix) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream))) {
            String line;
            while ((line = lines.readLine()) != null) {
                log.info("worker {} (pid {}): {}{}", id, pid(), prefix, line);
                synchronized (tail) {
                    if (tail.size() == STDERR_TAIL_LINES) {
                        tail.removeFirst();
                    }
                    tail.addLast(line);
                }
            }
        } catch (IOException e) {
            log.debug("worker {}: {}output ended: {}", id, prefix, e.toString());
        }
    }

    @Override
    public String toString() {
        return "worker " + id + " (pid " + pid() + ")";
    }
}
