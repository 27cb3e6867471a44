package dev.concurrency.internal.process;

import dev.concurrency.Gil;
import dev.concurrency.GilStats;
import java.io.Serializable;

/**
 * What parent and worker say to each other, one {@link Frames frame} each.
 *
 * <pre>
 *  worker -> parent  Ready   once, as soon as the worker's main runs
 *  parent -> worker  Job     a task to run (only when the worker is idle)
 *  worker -> parent  Reply   the task's result or exception
 * </pre>
 * Closing the worker's standard input tells it to exit.
 */
sealed interface Message extends Serializable {

    /**
     * The worker is ready for jobs.
     *
     * @param pid its process id
     */
    record Ready(long pid) implements Message {
    }

    /**
     * A task to run.
     *
     * @param id    the job's number within its worker
     * @param index the task's position in its run, or {@link dev.concurrency.TaskInfo#SUBMITTED}
     * @param name  the task's name
     * @param task  the serialized task
     * @param gil   the interpreter lock the worker runs its tasks under
     */
    record Job(long id, int index, String name, byte[] task, Gil gil) implements Message {
    }

    /**
     * How a job ended.
     *
     * @param id       the job's number
     * @param success  whether {@code payload} is the serialized result (else the serialized exception)
     * @param payload  the serialized result or exception
     * @param gil      what the worker's interpreter lock did for this task
     * @param cpuNanos the worker process's CPU time so far
     */
    record Reply(long id, boolean success, byte[] payload, GilStats gil, long cpuNanos) implements Message {
    }
}
