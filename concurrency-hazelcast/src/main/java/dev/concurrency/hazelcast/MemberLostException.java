package dev.concurrency.hazelcast;

import java.io.Serial;

/**
 * The cluster member running a task under {@link dev.concurrency.Strategy#CLUSTER}
 * died, or could no longer be reached, before the task ended. With the default,
 * at-most-once delivery only that task fails; the others carry on on the
 * surviving members. Its message names the task, the member and what was seen.
 *
 * <pre>{@code
 * if (outcome instanceof Outcome.Failure<?> f && f.error() instanceof MemberLostException lost) {
 *     log.warn("{} lost on {}", lost.getMessage(), lost.member());
 * }
 * }</pre>
 *
 * <p>Immutable once made, and so thread-safe.
 */
public final class MemberLostException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The member, as {@link #member()} describes it. */
    private final String member;

    /**
     * Makes the exception.
     *
     * @param task   the task that was running, as {@link dev.concurrency.TaskInfo#toString()} names it
     * @param member the member, e.g. {@code "member 2 (pid 4242, 127.0.0.1:5702)"}
     * @param cause  what the client saw (the member left the cluster, its connection closed), or {@code null}
     */
    public MemberLostException(String task, String member, Throwable cause) {
        super(task + ": its cluster member, " + member + ", died or left the cluster before the task ended"
                + (cause == null ? "" : " (" + cause + ")") + "; with ClusterOptions.durable() it would run again"
                + " on another member", cause);
        this.member = member;
    }

    /** {@return the member that ran the task, e.g. {@code "member 2 (pid 4242, 127.0.0.1:5702)"}} */
    public String member() {
        return member;
    }
}
