package dev.concurrency.testkit;

import dev.concurrency.Concurrency;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for a PROCESS worker, for the test kit's own tests: a JVM started
 * from the test's class path that reads one serialized task from a file, runs
 * it under THREAD, and prints its outcome as {@link Outcomes#describe} writes it.
 */
final class WorkerJvm {

    private WorkerJvm() {
    }

    public static void main(String[] args) throws Exception {
        Task<?> task;
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(Path.of(args[0])))) {
            task = (Task<?>) in.readObject();
        }
        var results = Concurrency.run(List.of(task), Strategy.THREAD);
        System.out.println(Outcomes.describe(results.outcome(0)));
    }

    /** A started worker with its task; {@link #awaitOutput} joins it, {@link #close} kills it if need be and deletes its task file. */
    record Started(Process process, Path taskFile) implements AutoCloseable {

        @Override
        public void close() throws Exception {
            process.destroyForcibly().waitFor();
            Files.deleteIfExists(taskFile);
        }

        /**
         * @return what the worker printed, once it has exited with status 0
         */
        String awaitOutput(Duration timeout) throws Exception {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("worker JVM still running after " + timeout);
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new AssertionError("worker JVM exited with " + process.exitValue() + ": " + out);
            }
            return out;
        }
    }

    /** Starts a worker JVM running {@code task}; its stderr goes to the test's. */
    static Started start(Task<?> task) throws IOException {
        Path file = Files.createTempFile("concurrency-testkit-", ".task");
        try (OutputStream bytes = Files.newOutputStream(file); ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(task);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                WorkerJvm.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        return new Started(process, file);
    }
}
