package dev.concurrency.tests.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.Concurrency;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers find their classes whatever launched this JVM: under a launcher
 * that loads the application through a class loader of its own (as
 * {@code mvn exec:java} and IDEs do), and with a class path set by hand; a
 * worker that cannot load its classes says which class path it had and how to
 * set it.
 */
@Timeout(60)
class WorkerClassPathTest {

    @AfterEach
    void noWorkerLeft() {
        Workers.assertNoneAlive();
    }

    @Test
    void workersFindTheirClassesUnderALauncherWithItsOwnClassLoader(@TempDir Path dir) throws Exception {
        String launcher = IsolatingLauncher.class.getName().replace('.', '/') + ".class";
        Path copy = dir.resolve(launcher);
        Files.createDirectories(copy.getParent());
        try (InputStream in = IsolatingLauncher.class.getClassLoader().getResourceAsStream(launcher)) {
            Files.copy(in, copy);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", dir.toString(), IsolatingLauncher.class.getName(),
                System.getProperty("java.class.path"), LaunchedProcessRun.class.getName())
                .redirectErrorStream(true).start();
        try {
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(out).as(out).contains("outcome: Success[value=ran in ");
            assertThat(child.exitValue()).as(out).isZero();
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void aWorkerThatCannotLoadItsClassesSaysWhichClassPathItHad(@TempDir Path dir) {
        Task<String> task = ctx -> "never";
        Results<String> results = Concurrency.run(List.of(task),
                RunOptions.of(Strategy.PROCESS).workers(1).workerClassPath(dir.toString()));
        assertThat(results.outcome(0)).isInstanceOfSatisfying(Outcome.Failure.class, f ->
                assertThat(f.error()).hasMessageContaining("could not start a worker JVM")
                        .hasMessageContaining("Could not find or load main class")
                        .hasMessageContaining("set by ProcessOptions.workerClassPath: " + dir));
    }

    /** The wait for a worker that cannot start does not depend on the common pool, which tasks may keep busy. */
    @Test
    void aWorkerThatCannotStartIsSeenAtOnceWhileTheCommonPoolIsBusy(@TempDir Path dir) throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        int parallelism = java.util.concurrent.ForkJoinPool.getCommonPoolParallelism();
        java.util.concurrent.CountDownLatch busy = new java.util.concurrent.CountDownLatch(parallelism);
        List<java.util.concurrent.Future<?>> blockers = new java.util.ArrayList<>();
        for (int i = 0; i < parallelism; i++) {
            blockers.add(java.util.concurrent.ForkJoinPool.commonPool().submit(() -> {
                busy.countDown();
                release.await();
                return null;
            }));
        }
        try {
            assertThat(busy.await(30, TimeUnit.SECONDS)).isTrue();
            Task<String> task = ctx -> "never";
            Results<String> results = Concurrency.run(List.of(task),
                    RunOptions.of(Strategy.PROCESS).workers(1).workerClassPath(dir.toString()));
            assertThat(results.outcome(0)).isInstanceOfSatisfying(Outcome.Failure.class, f ->
                    assertThat(f.error()).hasMessageContaining("could not start a worker JVM"));
        } finally {
            release.countDown();
        }
        for (java.util.concurrent.Future<?> blocker : blockers) {
            blocker.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aClassPathSetByHandIsUsed() {
        Task<List<String>> task = ctx -> entries(System.getProperty("java.class.path"));
        String classPath = System.getProperty("java.class.path");
        Results<List<String>> results = Concurrency.run(List.of(task),
                RunOptions.of(Strategy.PROCESS).workers(1).workerClassPath(classPath));
        assertThat(results.outcome(0)).isEqualTo(new Outcome.Success<>(entries(classPath)));
    }

    private static List<String> entries(String classPath) {
        return java.util.Arrays.stream(classPath.split(java.io.File.pathSeparator)).filter(e -> !e.isBlank()).toList();
    }
}
