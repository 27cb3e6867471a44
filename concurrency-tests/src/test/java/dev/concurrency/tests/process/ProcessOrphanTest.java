package dev.concurrency.tests.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Workers never outlive their parent, even one killed with SIGKILL while they run tasks. */
class ProcessOrphanTest {

    /** How soon the issue requires the workers to be gone after their parent. */
    private static final long GONE_WITHIN_MILLIS = 2_000;

    @Test
    @Timeout(120)
    void workersExitWithinTwoSecondsOfTheirParentsSigkill() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Process parent = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    OrphanParent.class.getName(), Integer.toString(server.getLocalPort()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try {
                List<Long> workers = new ArrayList<>();
                List<Socket> reports = new ArrayList<>();
                try {
                    while (workers.size() < 2) {
                        Socket report = server.accept();
                        reports.add(report);
                        workers.add(Long.parseLong(new BufferedReader(new InputStreamReader(report.getInputStream(),
                                StandardCharsets.US_ASCII)).readLine()));
                    }
                    assertThat(workers).allSatisfy(pid -> assertThat(Workers.isAlive(pid)).isTrue());

                    parent.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up
                    assertThat(parent.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    long killed = System.nanoTime();

                    for (long pid : workers) {
                        CompletableFuture<ProcessHandle> exit = ProcessHandle.of(pid)
                                .map(ProcessHandle::onExit).orElse(CompletableFuture.completedFuture(null));
                        long left = GONE_WITHIN_MILLIS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
                        try {
                            exit.get(Math.max(0, left), TimeUnit.MILLISECONDS);
                        } catch (TimeoutException e) {
                            // onExit also waits for the reaping: an orphan's zombie is init's to reap,
                            // which can take seconds here. At the deadline, ask whether it still runs.
                        }
                        assertThat(Workers.isAlive(pid)).as("worker %d, 2 s after its parent's SIGKILL", pid).isFalse();
                    }
                } finally {
                    for (Socket report : reports) {
                        report.close();
                    }
                    for (long pid : workers) {
                        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
            } finally {
                parent.destroyForcibly();
                parent.waitFor();
            }
        }
    }
}
