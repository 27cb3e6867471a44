package dev.concurrency.internal.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concurrency.Concurrency;
import dev.concurrency.ProcessOptions;
import dev.concurrency.RunOptions;
import dev.concurrency.Runner;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.TaskContext;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workers' class-data cache: which flags a worker gets (by default, off,
 * set by hand, a class path the JVM cannot archive), one maker per archive,
 * an archive in place once its maker has exited, and an unusable directory
 * that costs the run nothing. The end-to-end tests run workers from a JAR
 * (the JVM archives nothing when a class path holds a directory of classes,
 * as the test's own does).
 */
@Timeout(120)
class ClassDataCacheTest {

    /** A task whose class the workers load from the test's JAR. */
    record Twice(int n) implements Task<Integer> {
        @Override
        public Integer run(TaskContext ctx) {
            return 2 * n;
        }
    }

    @TempDir
    static Path shared;
    /** The library and {@link Twice} in one JAR, with its dependencies' JARs. */
    private static String jarClassPath;
    /** That JAR: the workers of this test are the child processes that name it. */
    private static Path workerJar;

    @BeforeAll
    static void buildJar() throws Exception {
        Path jar = shared.resolve("worker.jar");
        workerJar = jar;
        Path classes = location(WorkerMain.class);
        Path testClasses = location(Twice.class);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            if (Files.isDirectory(classes)) {
                try (Stream<Path> files = Files.walk(classes)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        add(out, classes.relativize(file).toString().replace(File.separatorChar, '/'), file);
                    }
                }
            }
            String twice = Twice.class.getName().replace('.', '/') + ".class";
            add(out, twice, testClasses.resolve(twice));
        }
        List<String> entries = new ArrayList<>(List.of(jar.toString()));
        if (!Files.isDirectory(classes)) {
            entries.add(classes.toString()); // already a JAR
        }
        entries.add(location(org.slf4j.LoggerFactory.class).toString());
        entries.add(location(org.slf4j.LoggerFactory.getILoggerFactory().getClass()).toString()); // quiet workers
        entries.add(location(org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue.class).toString());
        jarClassPath = String.join(File.pathSeparator, entries);
    }

    private static void add(JarOutputStream out, String name, Path file) throws IOException {
        out.putNextEntry(new JarEntry(name));
        Files.copy(file, out);
        out.closeEntry();
    }

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static WorkerClassPath jarPath() {
        return WorkerClassPath.discover(Optional.of(jarClassPath));
    }

    @Test
    void byDefaultTheFirstWorkerMakesTheArchiveOthersWaitAndLaterOnesMapIt(@TempDir Path dir) throws IOException {
        ClassDataCache cache = ClassDataCache.of(ProcessOptions.defaults().classDataCache(dir));
        WorkerClassPath path = jarPath();
        List<String> command = WorkerCommand.build(List.of(), path);

        ClassDataCache.Plan maker = cache.plan(command, path);
        assertThat(maker.making()).isNotNull();
        Path archive = maker.making().archive();
        assertThat(archive.getParent()).isEqualTo(dir.toAbsolutePath().normalize());
        assertThat(archive.getFileName().toString()).matches("workers-[0-9a-f]{20}\\.jsa");
        assertThat(maker.flags()).hasSize(2);
        assertThat(maker.flags().get(0)).startsWith("-XX:ArchiveClassesAtExit=" + archive + ".tmp-");
        assertThat(maker.flags().get(1)).isEqualTo(ClassDataCache.QUIET);

        // another worker of this JVM (of this runner or another) meanwhile: no flags, no second writer
        assertThat(ClassDataCache.of(ProcessOptions.defaults().classDataCache(dir)).plan(command, path))
                .isEqualTo(ClassDataCache.Plan.NONE);

        // the maker died without an archive: the next worker makes it
        maker.making().workerExited(137);
        assertThat(archive).doesNotExist();
        ClassDataCache.Plan again = cache.plan(command, path);
        assertThat(again.making()).isNotNull();
        again.making().workerExited(-1);

        Files.write(archive, new byte[] {1});
        assertThat(cache.plan(command, path))
                .isEqualTo(new ClassDataCache.Plan(List.of("-XX:SharedArchiveFile=" + archive, ClassDataCache.QUIET),
                        null));
    }

    @Test
    void theArchiveIsNamedAfterTheClassPathAndTheFlags() {
        WorkerClassPath path = jarPath();
        WorkerClassPath other = WorkerClassPath.discover(Optional.of(jarClassPath + File.pathSeparator + "x.jar"));
        String name = ClassDataCache.name(WorkerCommand.build(List.of(), path), path);
        assertThat(ClassDataCache.name(WorkerCommand.build(List.of(), path), path)).isEqualTo(name);
        assertThat(ClassDataCache.name(WorkerCommand.build(List.of(), other), other)).isNotEqualTo(name);
        assertThat(ClassDataCache.name(WorkerCommand.build(List.of("-XX:+UseSerialGC"), path), path))
                .isNotEqualTo(name);
        assertThat(ClassDataCache.name(WorkerCommand.build(List.of("-Dx=1", "-Xlog:gc"), path), path))
                .isEqualTo(name);
    }

    @Test
    void noFlagsWhenOffSetByHandOrTheClassPathHoldsADirectory(@TempDir Path dir) throws IOException {
        WorkerClassPath path = jarPath();
        assertThat(ClassDataCache.of(ProcessOptions.defaults().classDataCache(dir).noClassDataCache())
                .plan(WorkerCommand.build(List.of(), path), path)).isEqualTo(ClassDataCache.Plan.NONE);
        ClassDataCache cache = ClassDataCache.of(ProcessOptions.defaults().classDataCache(dir));
        for (String own : List.of("-Xshare:off", "-Xshare:auto", "-XX:SharedArchiveFile=/tmp/app.jsa",
                "-XX:+AutoCreateSharedArchive", "-XX:ArchiveClassesAtExit=/tmp/app.jsa", "-XX:AOTCache=app.aot")) {
            assertThat(cache.plan(WorkerCommand.build(List.of(own), path), path)).as(own)
                    .isEqualTo(ClassDataCache.Plan.NONE);
        }
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.write(classes.resolve("A.class"), new byte[] {1});
        WorkerClassPath withDirectory = WorkerClassPath.discover(Optional.of(jarClassPath + File.pathSeparator
                + classes));
        assertThat(cache.plan(WorkerCommand.build(List.of(), withDirectory), withDirectory))
                .isEqualTo(ClassDataCache.Plan.NONE);
        assertThat(dir.resolve("classes")).exists();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("workers-"))).isEmpty();
        }
    }

    @Test
    void aRunMakesTheArchiveAndTheNextRunsWorkersMapIt(@TempDir Path dir) throws Exception {
        RunOptions options = RunOptions.of(Strategy.PROCESS).with(ProcessOptions.defaults().workers(2)
                .workerClassPath(jarClassPath).classDataCache(dir.resolve("made/on/demand")));
        Path cacheDir = dir.resolve("made/on/demand");
        try (Runner runner = Concurrency.open(options)) {
            assertThat(runner.run(List.of(new Twice(1), new Twice(2), new Twice(3), new Twice(4))).values())
                    .containsExactly(2, 4, 6, 8);
            List<List<String>> workers = workerArguments();
            assertThat(workers).isNotEmpty();
            assertThat(workers.stream().filter(a -> a.stream().anyMatch(f -> f.startsWith(
                    "-XX:ArchiveClassesAtExit=" + cacheDir.toAbsolutePath())))).hasSize(1);
            assertThat(workers.stream().flatMap(List::stream)).noneMatch(f -> f.startsWith("-XX:SharedArchiveFile"));
        }
        Path archive;
        try (Stream<Path> files = Files.list(cacheDir)) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1); // the archive, and no temporary file
            archive = all.getFirst();
        }
        assertThat(archive.getFileName().toString()).matches("workers-[0-9a-f]{20}\\.jsa");
        assertThat(Files.size(archive)).isPositive();
        assertThat(workerArguments()).isEmpty();

        try (Runner runner = Concurrency.open(options)) {
            assertThat(runner.run(List.of(new Twice(5), new Twice(6))).values()).containsExactly(10, 12);
            List<List<String>> workers = workerArguments();
            assertThat(workers).isNotEmpty().allSatisfy(arguments -> assertThat(arguments)
                    .contains("-XX:SharedArchiveFile=" + archive.toAbsolutePath(), ClassDataCache.QUIET)
                    .noneMatch(f -> f.startsWith("-XX:ArchiveClassesAtExit")));
        }
        assertThat(workerArguments()).isEmpty();
    }

    @Test
    void turnedOffOrSetByHandTheWorkersGetNoneOfOurFlags() throws Exception {
        for (ProcessOptions process : List.of(ProcessOptions.defaults().noClassDataCache(),
                ProcessOptions.defaults().workerJvmFlags("-Xshare:auto"))) {
            RunOptions options = RunOptions.of(Strategy.PROCESS)
                    .with(process.workers(1).workerClassPath(jarClassPath));
            try (Runner runner = Concurrency.open(options)) {
                assertThat(runner.run(List.of(new Twice(21))).values()).containsExactly(42);
                List<List<String>> workers = workerArguments();
                assertThat(workers).hasSize(1);
                assertThat(workers.getFirst()).as(process.toString()).noneMatch(f -> f.startsWith(
                        "-XX:ArchiveClassesAtExit") || f.startsWith("-XX:SharedArchiveFile") || f.equals(
                        ClassDataCache.QUIET));
            }
        }
    }

    @Test
    void anUnwritableDirectoryDoesNotFailTheRun(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("a-file"), new byte[] {1});
        Path underAFile = file.resolve("cds"); // cannot be made, even by root
        ProcessOptions process = ProcessOptions.defaults().workers(2).workerClassPath(jarClassPath)
                .classDataCache(underAFile);
        WorkerClassPath path = jarPath();
        assertThat(ClassDataCache.of(process).plan(WorkerCommand.build(List.of(), path), path))
                .isEqualTo(ClassDataCache.Plan.NONE);
        try (Runner runner = Concurrency.open(RunOptions.of(Strategy.PROCESS).with(process))) {
            assertThat(runner.run(List.of(new Twice(1), new Twice(2))).values()).containsExactly(2, 4);
        }
        assertThat(underAFile).doesNotExist();
    }

    @Test
    void theOptionsValidateAndShowTheCache(@TempDir Path dir) {
        ProcessOptions defaults = ProcessOptions.defaults();
        assertThat(defaults.classDataSharing()).isTrue();
        assertThat(defaults.classDataCache()).isEmpty();
        assertThat(defaults.classDataCache(dir).classDataCache()).contains(dir);
        assertThat(defaults.noClassDataCache().classDataSharing()).isFalse();
        assertThat(defaults.noClassDataCache().classDataCache(dir).classDataSharing()).isTrue();
        assertThat(defaults.classDataCache(dir).noClassDataCache().classDataCache()).isEmpty();

        assertThatThrownBy(() -> defaults.classDataCache(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("directory is null");
        assertThatThrownBy(() -> defaults.classDataCache(Path.of(""))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("classDataCache: '' (expected: a directory");

        assertThat(defaults.noClassDataCache()).isEqualTo(ProcessOptions.defaults().noClassDataCache())
                .hasSameHashCodeAs(ProcessOptions.defaults().noClassDataCache()).isNotEqualTo(defaults);
        assertThat(defaults.classDataCache(dir)).isEqualTo(ProcessOptions.defaults().classDataCache(dir))
                .hasSameHashCodeAs(ProcessOptions.defaults().classDataCache(dir)).isNotEqualTo(defaults)
                .isNotEqualTo(defaults.classDataCache(dir.resolve("x")));
        assertThat(defaults.workers(2).noClassDataCache().settings()).isEqualTo("workers(2), noClassDataCache()");
        assertThat(defaults.classDataCache(dir)).hasToString("ProcessOptions[classDataCache(" + dir + ")]");
        assertThat(defaults.settings()).isEqualTo("ProcessOptions.defaults()");
        assertThat(ClassDataCache.defaultDirectory().endsWith(Path.of("concurrency", "cds"))).isTrue();
    }

    /** @return the command-line arguments of this JVM's live child processes that run from the test's JAR */
    private static List<List<String>> workerArguments() {
        String marker = workerJar.toString();
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .map(p -> p.info().arguments().map(List::of).orElse(List.of()))
                .filter(arguments -> arguments.stream().anyMatch(a -> a.contains(marker)))
                .toList();
    }
}
