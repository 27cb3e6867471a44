/**
 * JMH benchmarks of the library: what one task, one switch point, one TCP
 * round trip and one GIL hand-over cost under each {@link dev.concurrency.Strategy}.
 * Every benchmark reports the average time of one operation, in nanoseconds;
 * the strategy is a parameter covering every {@code Strategy} constant, so a
 * new strategy joins without a change here (the GIL benchmark names its own).
 *
 * <p>Build with {@code ./mvnw -B -pl concurrency-benchmarks -am -DskipTests package}
 * and run {@code java -jar concurrency-benchmarks/target/benchmarks.jar}; the
 * forks get {@code --add-opens java.base/java.lang=ALL-UNNAMED}, which
 * EVENT_LOOP needs for its fast coroutines. Nothing here runs during a build.
 */
package dev.concurrency.benchmarks;
