package dev.concurrency.internal.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a task opened (connections, listeners, groups), to close when the task
 * ends if the task did not, the last opened first. A resource closed earlier
 * may be forgotten, from any thread (a connection handed to a child task is
 * closed there), so that a long-running task does not keep what it has
 * closed. Thread-safe.
 */
public final class Resources implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Resources.class);

    /** In the order tracked; made on first use: most tasks open nothing. Guarded by {@code this}. */
    private Map<AutoCloseable, Boolean> open;

    /**
     * @param resource something to close when the task ends
     * @param <R>      its type
     * @return {@code resource}
     */
    public synchronized <R extends AutoCloseable> R track(R resource) {
        if (open == null) {
            open = new LinkedHashMap<>();
        }
        open.put(resource, Boolean.TRUE);
        return resource;
    }

    /**
     * @param resource a tracked resource that has been closed
     */
    public synchronized void forget(AutoCloseable resource) {
        if (open != null) {
            open.remove(resource);
        }
    }

    /** Closes everything tracked, the last tracked first; failures are logged at DEBUG. */
    @Override
    public void close() {
        List<AutoCloseable> resources;
        synchronized (this) {
            if (open == null || open.isEmpty()) {
                return;
            }
            resources = new ArrayList<>(open.keySet());
            open.clear();
        }
        Collections.reverse(resources);
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                log.debug("closing {} failed", resource, e);
            }
        }
    }
}
