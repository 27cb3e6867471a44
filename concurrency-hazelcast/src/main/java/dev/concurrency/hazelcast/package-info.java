/**
 * {@link dev.concurrency.Strategy#CLUSTER}: the same tasks on the members of a
 * Hazelcast cluster. Depend on {@code dev.concurrency:concurrency-hazelcast};
 * its provider is found through {@link java.util.ServiceLoader}, and
 * {@link dev.concurrency.hazelcast.ClusterOptions} are its settings.
 */
package dev.concurrency.hazelcast;
