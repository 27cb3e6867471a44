package dev.concurrency.tests.logging;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger that records INFO and above in {@link RecordedLogs} and prints them to stderr. */
final class RecordingLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;
    private static final Map<String, Logger> LOGGERS = new ConcurrentHashMap<>();

    private RecordingLogger(String name) {
        this.name = name;
    }

    static Logger named(String name) {
        return LOGGERS.computeIfAbsent(name, RecordingLogger::new);
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        String thread = Thread.currentThread().getName();
        RecordedLogs.record(new LogEvent(level, name, thread, message, throwable));
        PrintStream err = System.err;
        synchronized (err) {
            err.println("[" + thread + "] " + level + " " + name + " - " + message);
            if (throwable != null) {
                throwable.printStackTrace(err);
            }
        }
    }
}
