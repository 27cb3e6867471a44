package dev.concurrency.internal.engine;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a task opened (connections), to close when the task ends if the task
 * did not. Accessed only by whatever runs the task (its thread, or its loop).
 */
public final class Resources implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Resources.class);

    /** Made on first use: most tasks open nothing. */
    private List<AutoCloseable> open;

    /**
     * @param resource something to close when the task ends
     * @param <R>      its type
     * @return {@code resource}
     */
    public <R extends AutoCloseable> R track(R resource) {
        if (open == null) {
            open = new ArrayList<>(2);
        }
        open.add(resource);
        return resource;
    }

    /** Closes everything tracked; failures are logged at DEBUG. */
    @Override
    public void close() {
        if (open == null) {
            return;
        }
        for (AutoCloseable resource : open) {
            try {
                resource.close();
            } catch (Exception e) {
                log.debug("closing {} failed", resource, e);
            }
        }
        open.clear();
    }
}
