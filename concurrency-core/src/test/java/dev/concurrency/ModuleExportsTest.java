package dev.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module exports the API package and the provider SPI, nothing else, and provides the five built-in strategies. */
class ModuleExportsTest {

    @Test
    void onlyTheApiAndSpiPackagesAreExported() throws Exception {
        ModuleDescriptor descriptor;
        Path classes = Path.of(Concurrency.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        assertThat(descriptor.name()).isEqualTo("dev.concurrency");
        Set<String> exported = descriptor.exports().stream()
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertThat(exported).containsExactlyInAnyOrder("dev.concurrency", "dev.concurrency.spi");
        assertThat(descriptor.exports()).allMatch(e -> !e.isQualified());
        assertThat(descriptor.opens()).isEmpty();
        assertThat(descriptor.requires().stream().map(ModuleDescriptor.Requires::name))
                .contains("org.slf4j");
        assertThat(descriptor.uses()).containsExactly("dev.concurrency.spi.StrategyProvider");
        assertThat(descriptor.provides()).singleElement().satisfies(p -> {
            assertThat(p.service()).isEqualTo("dev.concurrency.spi.StrategyProvider");
            assertThat(p.providers()).hasSize(Strategy.values().length - 1); // all but CLUSTER's
        });
    }
}
