package dev.concurrency.tests.logging;

import java.util.Arrays;
import org.slf4j.event.Level;

/**
 * One recorded log event.
 *
 * @param level     its level
 * @param logger    the logger's name
 * @param thread    the name of the thread that logged it
 * @param message   the formatted message
 * @param throwable the throwable logged with it, or {@code null}
 */
public record LogEvent(Level level, String logger, String thread, String message, Throwable throwable) {

    /** @return the throwable's stack frames as text, one per line; empty without a throwable */
    public String stack() {
        if (throwable == null) {
            return "";
        }
        return String.join("\n", Arrays.stream(throwable.getStackTrace()).map(String::valueOf).toList());
    }

    @Override
    public String toString() {
        return level + " " + logger + " [" + thread + "] " + message;
    }
}
