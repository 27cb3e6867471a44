package dev.concurrency.hazelcast.internal;

/** The names of the distributed objects and member attributes the caller and the members share. */
final class Names {

    /** The executor (plain and durable) that runs tasks; members configure its pool size. */
    static final String EXECUTOR = "concurrency";
    /** The topic on which the caller asks a member to cancel a task. */
    static final String CANCEL_TOPIC = "concurrency.cancel";
    /** The cancellation target every member obeys (a durable task may move between members). */
    static final String EVERY_MEMBER = "*";
    /** The map in which durable tasks record their runs, to count runs again. */
    static final String RUNS_MAP = "concurrency.runs";
    /** The member attribute holding an embedded member's number, from 1. */
    static final String MEMBER_ID = "concurrency.member";

    private Names() {
    }
}
