package dev.concurrency.internal.engine;

import dev.concurrency.Outcome;
import java.util.function.Consumer;

/**
 * A context that opens the group a server keeps its connections' handlers in:
 * one that forgets children as they end (a server runs for long) and counts
 * their outcomes. Implemented by the engines' contexts and the GIL's.
 */
public interface ServerGroups {

    /**
     * @param endings told each child's outcome as it ends
     * @param <V>     the children's result type
     * @return the group, waiting for children the way the task waits
     */
    <V> ChildGroup<V> serverGroup(Consumer<Outcome<V>> endings);
}
