package dev.concurrency.internal.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The threads of a {@link ThreadTracker} that have not finished their work:
 * the records themselves ({@link Node}s) linked in a few lists, each list
 * guarded by a lock of its own and chosen by the thread's id. Adding or
 * removing a thread allocates nothing, never resizes, and seldom contends:
 * consecutive threads fall in different lists. A hash map, which costs a
 * node, a shared counter update and the occasional resize per thread, was
 * the largest cost of a short task. Thread-safe.
 */
final class LiveThreads {

    /** A live thread's record; a thread is in at most one set, once. */
    static class Node {
        /** Set before the node is added, never changed after. */
        Thread thread;
        private Node prev;
        private Node next;
        private boolean linked;
    }

    /**
     * One list and its lock. The JVM lays the padding out before the list's
     * fields, so neighbouring stripes' lists are a cache line apart and
     * threads locking one do not slow down those locking the next.
     */
    @SuppressWarnings("unused")
    private static final class Stripe {
        private long p1, p2, p3, p4, p5, p6, p7, p8;
        private Node head;
        private int size;
    }

    private final Stripe[] stripes;

    LiveThreads() {
        int wanted = Math.min(64, 4 * Runtime.getRuntime().availableProcessors());
        int n = Integer.highestOneBit(Math.max(8, wanted - 1) << 1);
        stripes = new Stripe[n];
        for (int i = 0; i < n; i++) {
            stripes[i] = new Stripe();
        }
    }

    private Stripe stripe(Thread thread) {
        return stripes[(int) thread.threadId() & (stripes.length - 1)];
    }

    /** Adds a node whose {@link Node#thread} is set; it must not be in the set. */
    void add(Node node) {
        Stripe s = stripe(node.thread);
        synchronized (s) {
            Node head = s.head;
            node.next = head;
            if (head != null) {
                head.prev = node;
            }
            s.head = node;
            node.linked = true;
            s.size++;
        }
    }

    /** @return whether the node was in the set (it no longer is, and holds no link to another) */
    boolean remove(Node node) {
        Stripe s = stripe(node.thread);
        synchronized (s) {
            if (!node.linked) {
                return false;
            }
            Node prev = node.prev;
            Node next = node.next;
            if (prev == null) {
                s.head = next;
            } else {
                prev.next = next;
            }
            if (next != null) {
                next.prev = prev;
            }
            node.prev = null;
            node.next = null;
            node.linked = false;
            s.size--;
            return true;
        }
    }

    /** @return whether the thread's node is in the set; looks at its stripe only */
    boolean contains(Thread thread) {
        Stripe s = stripe(thread);
        synchronized (s) {
            for (Node n = s.head; n != null; n = n.next) {
                if (n.thread == thread) {
                    return true;
                }
            }
            return false;
        }
    }

    /** @return how many nodes are in the set */
    int size() {
        int size = 0;
        for (Stripe s : stripes) {
            synchronized (s) {
                size += s.size;
            }
        }
        return size;
    }

    /**
     * @param <N> the nodes' type
     * @return the nodes in the set now, in no order
     */
    @SuppressWarnings("unchecked")
    <N extends Node> List<N> snapshot() {
        List<N> nodes = new ArrayList<>();
        for (Stripe s : stripes) {
            synchronized (s) {
                for (Node n = s.head; n != null; n = n.next) {
                    nodes.add((N) n);
                }
            }
        }
        return nodes;
    }
}
