package dev.concurrency.tests.process;

import static org.assertj.core.api.Assertions.assertThat;

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
                .filter(ProcessHandle::isAlive)
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
     * @return whether that process is alive
     */
    static boolean isAlive(long pid) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        return p.isPresent() && p.get().isAlive();
    }
}
