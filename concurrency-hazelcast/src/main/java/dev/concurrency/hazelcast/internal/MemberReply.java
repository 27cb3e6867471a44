package dev.concurrency.hazelcast.internal;

import dev.concurrency.spi.RemoteResult;
import java.io.Serial;
import java.io.Serializable;

/**
 * What a member sends back for a task (or for {@link MemberHello}): the task's
 * packed outcome, and the member's figures as of then.
 *
 * @param result   the task's outcome; {@code null} for a hello
 * @param pid      the member JVM's process id
 * @param cpuNanos the member JVM's CPU time so far
 * @param tasks    how many tasks the member has run
 * @param rerun    whether this run was the task's second or later (durable delivery only)
 */
record MemberReply(RemoteResult result, long pid, long cpuNanos, long tasks, boolean rerun) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
}
