package dev.concurrency.tests.structure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.testkit.Strategies;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After each test, no platform thread of the library that the test started is
 * alive (a run joins its threads before it returns; one abandoned by another
 * test class does not count), and no worker process is left. What an
 * installed {@link Strategies#isFixture(Thread) StrategyFixture} keeps for
 * every run (a shared cluster's member JVMs) is not left behind.
 */
public final class NothingLeftBehind implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace HERE = ExtensionContext.Namespace.create(NothingLeftBehind.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(HERE).put("before", libraryThreads());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterEach(ExtensionContext context) {
        Set<Thread> left = libraryThreads();
        left.removeAll((Set<Thread>) context.getStore(HERE).get("before"));
        assertThat(left).as("platform threads of the library the test started").isEmpty();
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> !Strategies.isFixture(p)).toList())
                .as("worker processes").isEmpty();
    }

    private static Set<Thread> libraryThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("concurrency-"))
                .filter(t -> !Strategies.isFixture(t))
                .collect(Collectors.toSet());
    }
}
