package dev.concurrency.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concurrency.Concurrency;
import dev.concurrency.Strategy;
import dev.concurrency.internal.thread.ThreadProvider;
import dev.concurrency.spi.StrategyProvider;
import java.util.EnumSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The strategies are found as any module's providers would be, and a missing one names its artifact. */
@Timeout(30)
class ProvidersTest {

    @Test
    void everyBuiltInStrategyIsFoundThroughServiceLoader() {
        Set<Strategy> found = ServiceLoader.load(StrategyProvider.class).stream()
                .map(p -> p.get().strategy()).collect(Collectors.toSet());
        Set<Strategy> builtIn = EnumSet.complementOf(EnumSet.of(Strategy.CLUSTER)); // CLUSTER's is in its own module
        assertThat(found).isEqualTo(builtIn);
        for (Strategy strategy : builtIn) {
            assertThat(Providers.installed().of(strategy).strategy()).isEqualTo(strategy);
        }
        assertThat(Providers.installed().strategies()).containsExactlyElementsOf(builtIn);
    }

    @Test
    void aStrategyWithoutAProviderFailsNamingTheArtifactToAdd() {
        Providers onlyThreads = new Providers(List.of(new ThreadProvider()));
        assertThat(onlyThreads.of(Strategy.THREAD)).isInstanceOf(ThreadProvider.class);
        assertThatThrownBy(() -> onlyThreads.of(Strategy.PROCESS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no provider of PROCESS was found on the class path or module path: add the artifact "
                        + "dev.concurrency:concurrency-core (it registers a dev.concurrency.spi.StrategyProvider "
                        + "through java.util.ServiceLoader)");
    }

    @Test
    void theFirstProviderOfAStrategyWins() {
        ThreadProvider first = new ThreadProvider();
        Providers twice = new Providers(List.of(first, new ThreadProvider()));
        assertThat(twice.of(Strategy.THREAD)).isSameAs(first);
    }

    @Test
    void eachRunAsksTheProviderOfItsStrategy() {
        assertThat(Concurrency.run(List.of(ctx -> "x"), Strategy.VIRTUAL_THREAD).values()).containsExactly("x");
    }
}
