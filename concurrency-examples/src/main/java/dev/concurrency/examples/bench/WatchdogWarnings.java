package dev.concurrency.examples.bench;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the blocked-loop watchdog's warnings while it is open. The library
 * logs them through SLF4J as one WARN line of the logger
 * {@code dev.concurrency.internal.eventloop.LoopWatchdog} ("... has kept ...
 * without giving it back ..."); slf4j-simple, the examples' binding, writes
 * them to whatever {@code System.err} is at the time. So this puts a stream in
 * {@code System.err}'s place that passes everything on and counts those
 * lines, and puts the old one back on close. Another SLF4J binding, or a
 * configuration that caches {@code System.err}, would hide them (the count
 * stays 0).
 */
final class WatchdogWarnings implements AutoCloseable {

    /** The watchdog's logger. */
    static final String LOGGER = "dev.concurrency.internal.eventloop.LoopWatchdog";
    /** Words of its warning. */
    static final String MESSAGE = "without giving it back";

    private final PrintStream original;
    private final AtomicInteger count = new AtomicInteger();

    private WatchdogWarnings() {
        this.original = System.err;
        System.setErr(new PrintStream(new Counting(original), true, StandardCharsets.UTF_8));
    }

    /** @return a counter, counting from now until {@link #close()} */
    static WatchdogWarnings count() {
        return new WatchdogWarnings();
    }

    /** @return the warnings counted so far */
    int warnings() {
        return count.get();
    }

    @Override
    public void close() {
        System.err.flush();
        System.setErr(original);
    }

    /** Passes bytes on and looks at each whole line. */
    private final class Counting extends OutputStream {
        private final PrintStream out;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Counting(PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized void write(int b) {
            out.write(b);
            take(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            out.write(b, off, len);
            for (int i = off; i < off + len; i++) {
                take(b[i]);
            }
        }

        private void take(int b) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                if (text.contains(LOGGER) && text.contains(MESSAGE)) {
                    count.incrementAndGet();
                }
                line.reset();
            } else if (line.size() < 4_096) {
                line.write(b);
            }
        }

        @Override
        public void flush() {
            out.flush();
        }
    }
}
