package dev.concurrency.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The kit does not need jqwik or AssertJ at run time (the pom makes jqwik
 * optional and AssertJ test-only, so users do not get them): a JVM whose class
 * path lacks both, and JUnit, runs {@link KitWithoutTestLibraries}.
 */
@Timeout(90)
class OptionalDependenciesTest {

    private static final List<String> LEFT_OUT = List.of("jqwik", "assertj", "junit", "opentest4j");

    @Test
    void theKitRunsWithoutJqwikAssertJOrJUnit() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> LEFT_OUT.stream().noneMatch(Path.of(entry).getFileName().toString()::contains))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(classPath).doesNotContain("jqwik").doesNotContain("assertj");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path output = Files.createTempFile("concurrency-testkit-", ".out");
        Process process = new ProcessBuilder(java, "-cp", classPath,
                "-D" + Strategies.PROPERTY + "=" + System.getProperty(Strategies.PROPERTY, ""),
                KitWithoutTestLibraries.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("exit status; output:%n%s", text).isZero();
            assertThat(text.lines().toList()).as("output").contains("ok");
        } finally {
            process.destroyForcibly().waitFor();
            Files.delete(output);
        }
    }
}
