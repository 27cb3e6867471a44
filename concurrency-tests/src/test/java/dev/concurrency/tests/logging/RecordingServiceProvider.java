package dev.concurrency.tests.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J 2 provider of the test suite (registered in
 * {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}): its loggers
 * record INFO, WARN and ERROR events in {@link RecordedLogs} for assertions,
 * and print them to stderr as slf4j-simple would.
 */
public final class RecordingServiceProvider implements SLF4JServiceProvider {

    private final ILoggerFactory loggers = RecordingLogger::named;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
    }
}
