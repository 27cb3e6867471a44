/**
 * A test kit for checking tasks under every {@link dev.concurrency.Strategy}:
 * what the project's own contract suite uses, published for users' tests.
 *
 * <ul>
 *   <li>{@link dev.concurrency.testkit.Equivalence}: assert that tasks end the
 *       same way under every strategy as in a plain sequential run;</li>
 *   <li>{@link dev.concurrency.testkit.TaskSpec} and
 *       {@link dev.concurrency.testkit.TaskSpecs}: jqwik arbitraries over mixes
 *       of computing, sleeping, failing and hanging tasks, with the outcome
 *       each must end with;</li>
 *   <li>{@link dev.concurrency.testkit.Strategies}: the strategies a test runs
 *       under, narrowed by a system property, and their options as an
 *       installed {@link dev.concurrency.testkit.StrategyFixture} adapts them;</li>
 *   <li>{@link dev.concurrency.testkit.Probe},
 *       {@link dev.concurrency.testkit.Gate} and
 *       {@link dev.concurrency.testkit.SharedCounters}: observe and steer tasks
 *       from the test, also when they run in worker processes;</li>
 *   <li>{@link dev.concurrency.testkit.EchoServer}: a loopback server for tasks
 *       that use connections;</li>
 *   <li>{@link dev.concurrency.testkit.Outcomes} and
 *       {@link dev.concurrency.testkit.Serialization}: compare outcomes across
 *       strategies, and copy tasks as a worker process would receive them.</li>
 * </ul>
 *
 * <p>The kit depends on jqwik and AssertJ, which users of the kit get too.
 */
package dev.concurrency.testkit;
