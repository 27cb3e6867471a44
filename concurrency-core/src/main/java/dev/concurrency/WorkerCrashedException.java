package dev.concurrency;

import java.io.Serial;
import java.util.List;
import java.util.OptionalInt;

/**
 * The worker process running a task under {@link Strategy#PROCESS} died
 * before the task ended: it called {@code System.exit}, was killed, ran out of
 * memory, or the JVM crashed. Only that task fails; the worker is replaced
 * and the other tasks carry on.
 *
 * <pre>{@code
 * if (outcome instanceof Outcome.Failure<?> f && f.error() instanceof WorkerCrashedException crash) {
 *     log.warn("worker exited with {}: {}", crash.exitStatus(), crash.stderrTail());
 * }
 * }</pre>
 *
 * <p>Immutable once made, and so thread-safe.
 */
public final class WorkerCrashedException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The status of a process whose exit status could not be learnt. */
    private static final int UNKNOWN = Integer.MIN_VALUE;

    /** The worker's process id. */
    private final long pid;
    /** The worker's exit status, or {@code Integer.MIN_VALUE} if it could not be learnt. */
    private final int exitStatus;
    /** The last lines the worker wrote to its standard error, oldest first; unmodifiable. */
    private final List<String> stderrTail;

    /**
     * Makes the exception. Its message names the task, the worker's pid, its
     * exit status (with the signal when above 128) and the end of its
     * standard error.
     *
     * @param task       the task that was running, as {@link TaskInfo#toString()} names it

     * @param pid        the worker's process id
     * @param exitStatus its exit status, or empty if it could not be learnt
     * @param stderrTail the last lines it wrote to its standard error, oldest first
     */
    public WorkerCrashedException(String task, long pid, OptionalInt exitStatus, List<String> stderrTail) {
        super(message(task, pid, exitStatus, stderrTail));
        this.pid = pid;
        this.exitStatus = exitStatus.orElse(UNKNOWN);
        this.stderrTail = List.copyOf(stderrTail);
    }

    private static String message(String task, long pid, OptionalInt exitStatus, List<String> tail) {
        StringBuilder s = new StringBuilder(task).append(": its worker process (pid ").append(pid).append(") died");
        if (exitStatus.isPresent()) {
            int status = exitStatus.getAsInt();
            s.append(" with exit status ").append(status);
            if (status > 128) {
                s.append(" (signal ").append(status - 128).append(')');
            }
        }
        if (tail.isEmpty()) {
            return s.append("; it wrote nothing to stderr").toString();
        }
        s.append("; the end of its stderr:");
        for (String line : tail) {
            s.append("\n  ").append(line);
        }
        return s.toString();
    }

    /** {@return the worker's process id} */
    public long pid() {
        return pid;
    }

    /** {@return the worker's exit status (128 + N when signal N killed it), or empty if it could not be learnt} */
    public OptionalInt exitStatus() {
        return exitStatus == UNKNOWN ? OptionalInt.empty() : OptionalInt.of(exitStatus);
    }

    /** {@return the last lines the worker wrote to its standard error, oldest first} */
    public List<String> stderrTail() {
        return stderrTail;
    }
}
