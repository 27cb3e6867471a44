package dev.concurrency.hazelcast;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Closes the {@link SharedCluster} when the test JVM's JUnit launcher session
 * ends (installed through {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}),
 * and fails if one of its members is still alive then: the members are the
 * fixture's, and must not outlive the tests. Thread-safe.
 */
public final class SharedClusterSession implements LauncherSessionListener {

    /** Found through {@link java.util.ServiceLoader}. */
    public SharedClusterSession() {
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
