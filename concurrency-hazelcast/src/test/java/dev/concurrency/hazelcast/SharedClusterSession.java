package dev.concurrency.hazelcast;

import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * The {@link SharedCluster}'s life in the test JVM. It starts when a test plan
 * with contract-suite classes ({@value #SUITE_PACKAGE}*) begins, if the JVM's
 * runs use it: before any test, so no test's time limit pays for it (a plan of
 * this module's own tests, as {@code -Dtest=ClusterRunnerTest} gives every
 * execution, starts nothing). It closes when the JUnit launcher session ends,
 * and fails then if a task still runs on a member or a member is still alive:
 * the members are the fixture's, and must not outlive the tests. Installed
 * through {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}
 * and {@code ...TestExecutionListener}. Thread-safe.
 */
public final class SharedClusterSession implements LauncherSessionListener, TestExecutionListener {

    /** The package of the contract suite's classes (and its subpackages). */
    static final String SUITE_PACKAGE = "dev.concurrency.tests.";

    /** Found through {@link java.util.ServiceLoader}. */
    public SharedClusterSession() {
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        boolean suite = plan.getRoots().stream().flatMap(root -> plan.getDescendants(root).stream())
                .map(TestIdentifier::getSource).flatMap(java.util.Optional::stream)
                .anyMatch(source -> source instanceof ClassSource c && c.getClassName().startsWith(SUITE_PACKAGE));
        if (suite) {
            SharedCluster.startIfUsed();
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        try {
            SharedCluster.close();
        } catch (AssertionError | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the shared cluster did not close: " + e, e);
        }
    }
}
