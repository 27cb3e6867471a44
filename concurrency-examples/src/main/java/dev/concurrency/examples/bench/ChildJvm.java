package dev.concurrency.examples.bench;

import dev.concurrency.examples.cli.Jvm;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one measurement of {@link PerfChild} in a fresh JVM: this JVM's
 * {@code java}, class path and flags, with or without the flag that opens
 * {@code java.lang} (EVENT_LOOP's fast coroutines); it is always added for the
 * fast path, since a JVM started with {@code java -jar} gets it from the jar's
 * manifest, which a {@code -cp} child does not read. The child's progress goes
 * to this JVM's stderr; its last line on stdout carries the figures.
 */
final class ChildJvm {

    /** What starts the child's line of figures: {@code perf-result name=value ...}. */
    static final String RESULT = "perf-result";

    private ChildJvm() {
    }

    /** @return the flags of a child: this JVM's, with {@code java.lang} opened or not */
    static List<String> flags(boolean fastPath) {
        List<String> flags = new ArrayList<>();
        for (String flag : Jvm.flags()) {
            if (!Jvm.opensJavaLang(flag)) {
                flags.add(flag);
            }
        }
        if (fastPath) {
            flags.add(Jvm.OPEN_JAVA_LANG);
        }
        return flags;
    }

    /**
     * Runs {@code PerfChild args} to its end.
     *
     * @param fastPath whether the child gets the flag that opens {@code java.lang}
     * @param timeout  how long it may take
     * @return the figures of its result line, by name
     * @throws IOException if it could not start, failed, took too long or printed no result line
     */
    static Map<String, Double> run(List<String> args, boolean fastPath, Duration timeout, PrintStream err)
            throws IOException, InterruptedException {
        err.println("perf: child JVM: PerfChild " + String.join(" ", args) + (fastPath ? "" : " (without the flag)"));
        Process process = new ProcessBuilder(Jvm.command(flags(fastPath), PerfChild.class.getName(), args))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        process.getOutputStream().close();
        CompletableFuture<String> out = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("perf-child-out").start(() -> {
            try {
                out.complete(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                out.completeExceptionally(e);
            }
        });
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("child JVM " + args + " still running after " + timeout.toSeconds() + " s");
            }
            String text = out.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (process.exitValue() != 0) {
                throw new IOException("child JVM " + args + " exited with " + process.exitValue());
            }
            return parse(text).orElseThrow(() -> new IOException("child JVM " + args + " printed no result"));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("child JVM " + args + ": its output could not be read", e);
        } finally {
            process.destroyForcibly();
        }
    }

    /** @return the result line of a child's output, as figures by name */
    static java.util.Optional<Map<String, Double>> parse(String output) {
        List<String> lines = output.lines().filter(l -> l.startsWith(RESULT + " ") || l.equals(RESULT)).toList();
        if (lines.isEmpty()) {
            return java.util.Optional.empty();
        }
        Map<String, Double> figures = new HashMap<>();
        for (String pair : lines.getLast().substring(RESULT.length()).strip().split(" +")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                figures.put(pair.substring(0, eq), Double.parseDouble(pair.substring(eq + 1)));
            }
        }
        return java.util.Optional.of(figures);
    }

    /** @return the result line for these figures, in the order given */
    static String format(Map<String, Double> figures) {
        StringBuilder line = new StringBuilder(RESULT);
        figures.forEach((name, value) -> line.append(' ').append(name).append('=')
                .append(String.format(Locale.ROOT, "%s", value)));
        return line.toString();
    }
}
