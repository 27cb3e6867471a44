package dev.concurrency.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.Concurrency;
import dev.concurrency.RunOptions;
import dev.concurrency.Runner;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An engine that cannot be built in full leaves nothing behind: the loops it
 * made are closed (threads and selectors), the error says how many were made
 * and what to do, and the JVM can still run; a large {@code workers(n)} costs
 * nothing until tasks need the workers.
 */
class EngineBuildFailureTest {

    /** Open files allowed to the child JVM: a few hundred, far fewer than a thousand loops need. */
    private static final int FILE_LIMIT = 256;

    @Test
    @Timeout(60)
    void tooManyLoopsForTheOpenFileLimitFailClearlyAndLeaveNothing() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "ulimit -n " + FILE_LIMIT + " && exec '" + java + "' -cp '"
                + System.getProperty("java.class.path") + "' '" + ManyLoops.class.getName() + "'";
        Process child = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        try {
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(out).as(out)
                    .containsPattern("error: EVENT_LOOP could make only \\d+ of its 1000 loops \\(.*Too many open files")
                    .contains("Ask for fewer loops")
                    .contains("library threads left: 0")
                    .contains("file descriptors left: 0")
                    .contains("a run after it: Success[value=1]");
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    @Timeout(60)
    void aLargeWorkerCountStartsOnlyTheSlotsTasksNeed() throws Exception {
        try (Runner runner = Concurrency.open(RunOptions.of(Strategy.PROCESS).workers(1_000_000))) {
            Task<Integer> one = ctx -> 1;
            assertThat(runner.submit(one).get(30, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(libraryThreads()).as("a slot, its worker's two output readers, and little else")
                    .isLessThan(10);
        }
    }

    static long libraryThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("concurrency-") && t.isAlive())
                .count();
    }

    /** Run in a child JVM with few open files allowed. */
    static final class ManyLoops {

        public static void main(String[] args) throws Exception {
            Task<Integer> one = ctx -> 1;
            Concurrency.run(List.of(one), RunOptions.of(Strategy.EVENT_LOOP).loops(1)); // classes loaded, jars open
            long fdsBefore = openFiles();
            try {
                Concurrency.run(List.of(one), RunOptions.of(Strategy.EVENT_LOOP).loops(1000));
                System.out.println("no error: the limit was not reached");
            } catch (IllegalStateException e) {
                System.out.println("error: " + e.getMessage());
            }
            System.out.println("library threads left: " + libraryThreads());
            System.out.println("file descriptors left: " + (openFiles() - fdsBefore));
            System.out.println("a run after it: "
                    + Concurrency.run(List.of(one), RunOptions.of(Strategy.EVENT_LOOP).loops(2)).outcome(0));
        }

        private static long openFiles() throws Exception {
            try (var fds = Files.list(Path.of("/proc/self/fd"))) {
                return fds.count();
            }
        }
    }
}
