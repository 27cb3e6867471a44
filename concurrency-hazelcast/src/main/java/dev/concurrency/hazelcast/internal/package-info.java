/**
 * The engine behind {@link dev.concurrency.Strategy#CLUSTER}: its provider, the
 * embedded cluster's member JVMs and the member side of each task. Not API:
 * use {@link dev.concurrency.hazelcast.ClusterOptions} and
 * {@link dev.concurrency.hazelcast.LocalCluster}.
 */
package dev.concurrency.hazelcast.internal;
