package dev.concurrency.internal.eventloop;

/**
 * Where a loop operation reports its result: exactly one of a value or an
 * error. Called on the loop (the loop thread, or the coroutine holding it).
 *
 * @param <V> the value's type
 */
@FunctionalInterface
interface Callback<V> {

    /**
     * @param value the result when {@code error} is null
     * @param error the failure, or {@code null}
     */
    void complete(V value, Throwable error);
}
