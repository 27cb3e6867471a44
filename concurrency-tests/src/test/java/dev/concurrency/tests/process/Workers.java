package dev.concurrency.tests.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the process tests check about worker processes from outside: which are alive. */
final class Workers {

    private static final String WORKER_MAIN = "dev.concurrency.internal.process.WorkerMain";

    private Workers() {
    }

    /** @return the worker processes among this JVM's descendants that are alive now */
    static List<ProcessHandle> alive() {
        return ProcessHandle.current().descendants()
                .filter(p -> isAlive(p.pid()))
                .filter(p -> p.info().commandLine().or(() -> p.info().arguments().map(a -> String.join(" ", a)))
                        .map(line -> line.contains(WORKER_MAIN)).orElse(false))
                .toList();
    }

    /** Asserts that no worker process of this JVM is alive. */
    static void assertNoneAlive() {
        assertThat(alive()).as("worker processes still alive").isEmpty();
    }

    /**
     * @param pid a process id
     * @return whether that process is alive: running, not exited and waiting to be reaped
     */
    static boolean isAlive(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (Files.isDirectory(Path.of("/proc", "self"))) {
            // A process that has exited but is not yet reaped (a zombie: state Z) still counts as alive for
            // ProcessHandle; an orphan's zombie waits for init, which may reap it seconds later.
            try {
                String line = Files.readString(stat);
                return line.charAt(line.lastIndexOf(')') + 2) != 'Z';
            } catch (IOException e) {
                return false; // gone
            }
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        return p.isPresent() && p.get().isAlive();
    }
}
