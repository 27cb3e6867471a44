package dev.concurrency.hazelcast;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the {@link SharedCluster} when the test JVM's JUnit launcher session
 * opens, if the JVM's runs use it, and closes it when the session ends
 * (installed through {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener});
 * fails then if one of its members is still alive: the members are the
 * fixture's, and must not outlive the tests. Thread-safe.
 */
public final class SharedClusterSession implements LauncherSessionListener {

    /** Found through {@link java.util.ServiceLoader}. */
    public SharedClusterSession() {
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        SharedCluster.startIfUsed();
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
