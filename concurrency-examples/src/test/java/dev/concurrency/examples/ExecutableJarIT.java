package dev.concurrency.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The packaged executable jar (run by failsafe after {@code package}): its manifest, and plain {@code java -jar}. */
@Tag("packaged-jar")
@Timeout(120)
class ExecutableJarIT {

    private static final Path JAR = Path.of(System.getProperty("concurrency.examples.jar",
            "target/concurrency-examples.jar"));

    @TempDir
    Path dir;

    @Test
    void theManifestNamesTheMainClassAndOpensJavaLang() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            Manifest manifest = jar.getManifest();
            Attributes main = manifest.getMainAttributes();
            assertThat(main.getValue("Main-Class")).isEqualTo(Main.class.getName());
            assertThat(main.getValue("Add-Opens")).isEqualTo("java.base/java.lang java.base/sun.nio.ch "
                    + "java.management/sun.management jdk.management/com.sun.management.internal");
            assertThat(main.getValue("Add-Exports")).as("Hazelcast's client, for CLUSTER's rows")
                    .isEqualTo("java.base/jdk.internal.ref");
            assertThat(jar.getEntry("org/slf4j/simple/SimpleLogger.class")).as("the logging back end is inside").isNotNull();
        }
    }

    @Test
    void javaDashJarGetsEventLoopsFastPathWithoutFlags() throws Exception {
        Path report = dir.resolve("report.html");
        Path err = dir.resolve("stderr.txt");
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-jar", JAR.toString(), "io", "--strategies",
                "EVENT_LOOP", "--requests", "2", "--delay-ms", "1", "--report", report.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        try {
            assertThat(java.waitFor(100, TimeUnit.SECONDS)).as("the program ended").isTrue();
        } finally {
            java.destroyForcibly().waitFor();
        }
        List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
        assertThat(java.exitValue()).as("exit status; stderr: %s", lines).isZero();
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .contains("EVENT_LOOP runs tasks as virtual threads scheduled by the loop"));
        assertThat(report).exists();
    }
}
