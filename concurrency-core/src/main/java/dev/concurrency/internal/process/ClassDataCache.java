package dev.concurrency.internal.process;

import dev.concurrency.ProcessOptions;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers' class-data sharing archives ({@link ProcessOptions#classDataCache}):
 * which flags a worker about to start gets.
 *
 * <p>An archive is named after what makes it valid: the JDK ({@code java.home}
 * and its version), the worker's command line less its {@code -D} properties
 * and logging flags (so: class path, module path and JVM flags), and the size and modification time
 * of each JAR on the class path (which the JVM checks too; a rebuilt JAR gets
 * a new archive). Workers of different applications thus never share a file.
 *
 * <p>The JVM's {@code -XX:+AutoCreateSharedArchive} is not used, on purpose:
 * it writes the archive in place (the old file removed, the new one created
 * under the same name and its header written last), so several workers
 * exiting together may write one file at once, and a worker killed while
 * writing (a runner's close gives up on it, or its task is cancelled) leaves a
 * file with no valid header, which the JVM does not replace and which even
 * turns off the JDK's own base archive for every later worker. Instead:
 * <ul>
 *   <li>the archive exists: the worker maps it ({@code -XX:SharedArchiveFile});</li>
 *   <li>it does not, and no worker of this JVM is making it: this worker
 *       makes it, into a temporary file of its own
 *       ({@code -XX:ArchiveClassesAtExit}) that it writes as it exits; once
 *       it has exited with status 0, the file, if it is a whole archive, is
 *       moved into place atomically (another JVM's worker doing the same at
 *       once is harmless: each move puts a whole archive there);</li>
 *   <li>another worker is making it: this one starts without.</li>
 * </ul>
 * The JVM's own {@code cds} logging is turned off in the workers, so a stale
 * or foreign archive (which the JVM then ignores) does not fill the log with
 * warnings no one can act on.
 *
 * <p>Thread-safe.
 */
final class ClassDataCache {

    private static final Logger log = LoggerFactory.getLogger(ClassDataCache.class);

    /** The first bytes of a dynamic (top-layer) archive, as the JVM writes them (little-endian). */
    private static final int DYNAMIC_ARCHIVE_MAGIC = 0xf00baba8;
    /** Temporary archives older than this are leftovers of a worker whose parent died; they are removed. */
    private static final Duration STALE_TEMPORARY = Duration.ofHours(1);
    /** The quiet flag every worker given one of ours gets: the JVM's class-data messages are off. */
    static final String QUIET = "-Xlog:cds*=off:stderr";
    /** Flags of the user's (or of this JVM) that mean the workers' class-data sharing is set by hand. */
    private static final List<String> OWN_FLAGS = List.of("-Xshare", "-XX:SharedArchiveFile",
            "-XX:ArchiveClassesAtExit", "-XX:+AutoCreateSharedArchive", "-XX:-AutoCreateSharedArchive",
            "-XX:SharedClassListFile", "-XX:DumpLoadedClassList", "-XX:+RecordDynamicDumpInfo", "-XX:AOT",
            "-XX:+AOT", "-XX:-AOT");

    /** The archives that a worker of this JVM is making now. */
    private static final Set<Path> MAKING = ConcurrentHashMap.newKeySet();
    /** What was logged once per JVM already. */
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();
    private static final AtomicLong TEMPORARIES = new AtomicLong();

    /** The cache of a runner with {@link ProcessOptions#noClassDataCache()}. */
    static final ClassDataCache OFF = new ClassDataCache(null);

    /** {@code null}: off. */
    private final Path directory;
    /** Whether the directory was found usable; {@code null} until first asked. */
    private volatile Boolean usable;

    private ClassDataCache(Path directory) {
        this.directory = directory == null ? null : directory.toAbsolutePath().normalize();
    }

    /**
     * @param options a runner's process options
     * @return its workers' cache
     */
    static ClassDataCache of(ProcessOptions options) {
        if (!options.classDataSharing()) {
            return OFF;
        }
        return new ClassDataCache(options.classDataCache().orElseGet(ClassDataCache::defaultDirectory));
    }

    /** @return {@code $XDG_CACHE_HOME/concurrency/cds}, or else {@code ~/.cache/concurrency/cds} */
    static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "concurrency", "cds");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "concurrency", "cds");
    }

    /** @return the directory, or {@code null} when off */
    Path directory() {
        return directory;
    }

    /**
     * What a worker about to start gets.
     *
     * @param command   the worker's command line without class-data flags (as {@link WorkerCommand} builds it)
     * @param classPath the class path in it
     * @return its flags, and the archive it makes, if it makes one
     */
    Plan plan(List<String> command, WorkerClassPath classPath) {
        if (directory == null || setByHand(command) || !archivable(classPath) || !usable()) {
            return Plan.NONE;
        }
        Path archive = directory.resolve(name(command, classPath));
        if (Files.isRegularFile(archive)) {
            return new Plan(List.of("-XX:SharedArchiveFile=" + archive, QUIET), null);
        }
        if (!MAKING.add(archive)) {
            return Plan.NONE; // a worker of this JVM is making it; it is there for the next workers
        }
        Path temporary = directory.resolve(archive.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-"
                + TEMPORARIES.incrementAndGet());
        return new Plan(List.of("-XX:ArchiveClassesAtExit=" + temporary, QUIET), new Making(temporary, archive));
    }

    /** @return whether the command sets class-data sharing itself (the user's flags or this JVM's) */
    static boolean setByHand(List<String> command) {
        for (String flag : command) {
            for (String own : OWN_FLAGS) {
                if (flag.startsWith(own)) {
                    if (LOGGED.add("by hand")) {
                        log.debug("PROCESS workers' class-data sharing is set by the flag {}; no class-data cache",
                                flag);
                    }
                    return true;
                }
            }
        }
        return false;
    }

    /** @return whether the JVM can archive with this class path: it archives only JARs, and refuses a directory */
    private static boolean archivable(WorkerClassPath classPath) {
        for (String entry : pathEntries(classPath)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path) && !isEmpty(path)) {
                if (LOGGED.add("directory " + entry)) {
                    log.debug("PROCESS workers get no class-data archive: their class path holds the directory {}"
                            + " (the JVM archives classes from JAR files only)", entry);
                }
                return false;
            }
        }
        return true;
    }

    private static List<String> pathEntries(WorkerClassPath classPath) {
        String modulePath = System.getProperty("jdk.module.path", "");
        if (modulePath.isEmpty()) {
            return classPath.entries();
        }
        List<String> all = new java.util.ArrayList<>(classPath.entries());
        all.addAll(List.of(modulePath.split(File.pathSeparator)));
        return all;
    }

    private static boolean isEmpty(Path directory) {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
            return !children.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /** @return whether the directory exists (made if missing) and can be written; logs once if not */
    private boolean usable() {
        Boolean known = usable;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (usable == null) {
                usable = check();
            }
            return usable;
        }
    }

    private boolean check() {
        try {
            Files.createDirectories(directory);
            Path probe = Files.createTempFile(directory, "probe-", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            if (LOGGED.add("unusable " + directory)) {
                log.info("PROCESS workers run without a class-data cache: cannot write {} ({}); set another with "
                        + "ProcessOptions.classDataCache(Path), or turn it off with noClassDataCache()",
                        directory, e.toString());
            }
            return false;
        }
        removeStaleTemporaries();
        return true;
    }

    /** Removes temporary archives left by workers whose parent died before it could move them into place. */
    private void removeStaleTemporaries() {
        Instant before = Instant.now().minus(STALE_TEMPORARY);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "workers-*.jsa.tmp-*")) {
            for (Path file : files) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                if (attributes.lastModifiedTime().toInstant().isBefore(before)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("cannot clean up the class-data cache {}: {}", directory, e.toString());
        }
    }

    /**
     * @return the archive's file name: {@code workers-} and a digest of the JDK, the command line less its
     * {@code -D} properties and logging flags, and the size and time of each JAR on the class path
     */
    static String name(List<String> command, WorkerClassPath classPath) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
        StringBuilder key = new StringBuilder();
        key.append(System.getProperty("java.home")).append('\n').append(System.getProperty("java.vm.version"));
        for (String part : command) {
            if (!part.startsWith("-D") && !part.startsWith("-Xlog") && !part.startsWith("-verbose")) {
                key.append('\n').append(part);
            }
        }
        for (String entry : classPath.entries()) {
            try {
                BasicFileAttributes file = Files.readAttributes(Path.of(entry), BasicFileAttributes.class);
                key.append('\n').append(file.size()).append(' ').append(file.lastModifiedTime().toMillis());
            } catch (IOException | RuntimeException e) {
                key.append("\n-"); // missing: the JVM records that too
            }
        }
        byte[] hash = digest.digest(key.toString().getBytes(StandardCharsets.UTF_8));
        return "workers-" + HexFormat.of().formatHex(hash, 0, 10) + ".jsa";
    }

    /** A worker's class-data flags, and the archive it makes, if it makes one. */
    record Plan(List<String> flags, Making making) {
        static final Plan NONE = new Plan(List.of(), null);
    }

    /**
     * An archive a worker is writing into a temporary file as it exits.
     * {@link #workerExited} moves it into place, once.
     */
    static final class Making {
        private final Path temporary;
        private final Path archive;
        private final AtomicBoolean done = new AtomicBoolean();

        Making(Path temporary, Path archive) {
            this.temporary = temporary;
            this.archive = archive;
        }

        /** @return where the archive will be */
        Path archive() {
            return archive;
        }

        /**
         * The worker has exited (or never started): moves a whole archive
         * into place, removes anything else, and lets another worker make it
         * if this one did not. Only the first call counts.
         *
         * @param exitStatus the worker's exit status, or -1 if it never ran
         */
        void workerExited(int exitStatus) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            try {
                if (exitStatus == 0 && isWholeArchive(temporary)) {
                    try {
                        Files.move(temporary, archive, StandardCopyOption.ATOMIC_MOVE,
                                StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(temporary, archive, StandardCopyOption.REPLACE_EXISTING);
                    }
                    log.debug("PROCESS workers' class-data archive written: {}", archive);
                } else {
                    log.debug("PROCESS worker exited with status {} without a class-data archive for {}",
                            exitStatus, archive);
                }
            } catch (IOException | RuntimeException e) {
                log.debug("cannot put the class-data archive {} in place: {}", archive, e.toString());
            } finally {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    log.debug("cannot remove {}: {}", temporary, e.toString());
                }
                MAKING.remove(archive);
            }
        }

        private static boolean isWholeArchive(Path file) throws IOException {
            if (!Files.isRegularFile(file)) {
                return false;
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] head = in.readNBytes(4);
                // the JVM writes the header last: a worker cut short leaves zeros there
                return head.length == 4
                        && ByteBuffer.wrap(head).order(java.nio.ByteOrder.nativeOrder()).getInt() == DYNAMIC_ARCHIVE_MAGIC;
            }
        }
    }
}
