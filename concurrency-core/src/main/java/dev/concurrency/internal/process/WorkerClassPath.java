package dev.concurrency.internal.process;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a worker JVM finds its classes. {@code java.class.path} alone is not
 * enough: launchers such as {@code mvn exec:java}, IDEs and application
 * servers load the application through class loaders of their own, so the
 * path is gathered from where the classes were actually loaded: this JVM's
 * class path, the URLs of every {@link URLClassLoader} above the caller's
 * context class loader and the library's own, and the code sources of the
 * library, its dependencies and each task's class.
 *
 * <p>Immutable; {@link #with} makes a longer one. Thread-safe.
 */
public final class WorkerClassPath {

    private final List<String> entries;

    private WorkerClassPath(List<String> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * @param explicit the user's class path ({@code ProcessOptions.workerClassPath}), if set: used as given
     * @return the class path for the workers of a runner made now on the calling thread
     */
    public static WorkerClassPath discover(Optional<String> explicit) {
        if (explicit.isPresent()) {
            return new WorkerClassPath(split(explicit.get()));
        }
        Set<String> entries = new LinkedHashSet<>(split(System.getProperty("java.class.path", "")));
        addLoaders(entries, Thread.currentThread().getContextClassLoader());
        addLoaders(entries, WorkerClassPath.class.getClassLoader());
        for (Class<?> library : List.of(WorkerMain.class, org.slf4j.LoggerFactory.class,
                org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue.class)) {
            locationOf(library).ifPresent(entries::add);
        }
        return new WorkerClassPath(new ArrayList<>(entries));
    }

    /**
     * @param type a class a worker must load (a task's)
     * @return this class path, or a longer one ending with {@code type}'s location if it lacked it
     */
    public WorkerClassPath with(Class<?> type) {
        Optional<String> location = locationOf(type);
        if (location.isEmpty() || entries.contains(location.get())) {
            return this;
        }
        List<String> longer = new ArrayList<>(entries);
        longer.add(location.get());
        return new WorkerClassPath(longer);
    }

    /** @return whether every entry of {@code other} is in this one */
    boolean covers(WorkerClassPath other) {
        return entries.containsAll(other.entries);
    }

    /** @return the entries, in order */
    List<String> entries() {
        return entries;
    }

    /** @return the path as {@code -cp} takes it */
    String asArgument() {
        return String.join(File.pathSeparator, entries);
    }

    @Override
    public String toString() {
        return entries.isEmpty() ? "(empty)" : asArgument();
    }

    private static void addLoaders(Set<String> entries, ClassLoader loader) {
        List<ClassLoader> chain = new ArrayList<>();
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            chain.add(0, l); // parents first, as they are searched first
        }
        for (ClassLoader l : chain) {
            if (l instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    toPath(url).ifPresent(entries::add);
                }
            }
        }
    }

    private static Optional<String> locationOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? Optional.empty() : toPath(source.getLocation());
    }

    private static Optional<String> toPath(URL url) {
        if (!"file".equals(url.getProtocol())) {
            return Optional.empty(); // a jrt: or jar-in-jar location: nothing a -cp can name
        }
        try {
            return Optional.of(Path.of(url.toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static List<String> split(String classPath) {
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry);
            }
        }
        return entries;
    }
}
