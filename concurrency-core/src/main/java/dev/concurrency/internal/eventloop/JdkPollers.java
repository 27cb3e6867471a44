package dev.concurrency.internal.eventloop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works around the JDK poller hazard of {@link ScheduledCoroutines}: the JDK's I/O poller threads start lazily and inherit the
 * scheduler of the thread that triggers them; started from a task, they would
 * be scheduled by a loop and hang socket I/O once that loop ends. Initialising
 * the poller class from a platform thread first starts them with the JDK's
 * own scheduler.
 */
final class JdkPollers {

    private static final Logger log = LoggerFactory.getLogger(JdkPollers.class);

    private JdkPollers() {
    }

    /** Initialises {@code sun.nio.ch.Poller} on a short-lived platform thread, and waits for it. */
    static void initialiseFromPlatformThread() {
        Thread platform = Thread.ofPlatform().daemon(true).name("concurrency-poller-init").start(JdkPollers::load);
        boolean interrupted = false;
        while (true) {
            try {
                platform.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void load() {
        try {
            Class.forName("sun.nio.ch.Poller", true, null);
        } catch (ClassNotFoundException | LinkageError e) {
            log.debug("no JDK poller class to initialise: {}", e.toString());
        }
    }
}
