package dev.concurrency.internal.eventloop;

/**
 * An element that is its own link in one list (a loop's callback tasks, a
 * callback task's pending operations), so that joining and leaving it costs
 * no allocation and no lookup. The list is its first element, kept by its
 * owner: {@link #push} and {@link #remove} return the new first. Used by one
 * thread (a loop's).
 */
abstract class Link {

    private boolean listed;
    private Link prev;
    private Link next;

    /** @return the next element of its list, or {@code null} */
    final Link next() {
        return next;
    }

    /**
     * @param first the list's first element, or {@code null} for an empty list
     * @param link  an element in no list
     * @return the list's new first: {@code link}
     */
    static <L extends Link> L push(Link first, L link) {
        Link node = link; // its private fields are reached through Link, not L
        assert !node.listed;
        node.next = first;
        if (first != null) {
            first.prev = node;
        }
        node.listed = true;
        return link;
    }

    /**
     * Takes an element out of its list, if it is in it; it then holds no link to another.
     *
     * @param first the list's first element
     * @param link  the element
     * @return the list's new first, or {@code null} if it is empty
     */
    @SuppressWarnings("unchecked")
    static <L extends Link> L remove(L first, Link link) {
        if (!link.listed) {
            return first;
        }
        Link newFirst = first;
        if (link.prev == null) {
            newFirst = link.next;
        } else {
            link.prev.next = link.next;
        }
        if (link.next != null) {
            link.next.prev = link.prev;
        }
        link.prev = null;
        link.next = null;
        link.listed = false;
        return (L) newFirst;
    }
}
