package dev.concurrency.examples.text;

import dev.concurrency.Outcome;
import dev.concurrency.TaskInfo;
import dev.concurrency.TaskListener;
import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress bar for a long step, counting tasks as they end: redrawn in
 * place on a terminal ({@code \r}), at most once per cell of the bar; where
 * the program has no terminal (under {@code exec:exec}, or piped), one line
 * per step, when it is done. A
 * {@link TaskListener}: thread-safe and quick, as the threads that run the
 * tasks call it.
 *
 * <pre>{@code
 * try (ProgressBar bar = ProgressBar.start(System.err, "many: 10,000 tasks", 20_000)) {
 *     Concurrency.compare(tasks, CompareOptions.of(RunOptions.of(Strategy.THREAD).listener(bar)));
 * }
 * }</pre>
 */
public final class ProgressBar implements TaskListener, AutoCloseable {

    private static final int CELLS = 30;
    /** Whether this program talks to a terminal, where a bar redrawn in place reads well. */
    private static final boolean TERMINAL = isTerminal(System.console());

    private final PrintStream err;
    private final String label;
    private final long total;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    /** The cells last drawn; a thread that moves it on draws. */
    private final AtomicInteger drawn = new AtomicInteger(-1);

    private ProgressBar(PrintStream err, String label, long total, boolean terminal) {
        this.err = err;
        this.label = label;
        this.total = Math.max(1, total);
        this.terminal = terminal;
    }

    /**
     * @param err   where to draw
     * @param label what the step is
     * @param total how many tasks will end in it
     * @return the bar, drawn empty on a terminal
     */
    public static ProgressBar start(PrintStream err, String label, long total) {
        ProgressBar bar = new ProgressBar(err, label, total, err == System.err && TERMINAL);
        bar.draw(0);
        return bar;
    }

    /**
     * @param console the JVM's console, {@code null} if it has none
     * @return whether it is a terminal: on JDK 22 and later {@code Console.isTerminal()}, which tells a
     *         redirected stream apart; on JDK 21 a console exists only on a terminal
     */
    static boolean isTerminal(Console console) {
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void finished(TaskInfo task, Outcome<?> outcome) {
        draw(done.incrementAndGet());
    }

    private void draw(long count) {
        int cells = (int) Math.min(CELLS, count * CELLS / total);
        int before = drawn.get();
        if (!terminal || cells <= before || !drawn.compareAndSet(before, cells)) {
            return;
        }
        synchronized (err) {
            err.print("\r" + line(cells, count));
            err.flush();
        }
    }

    private String line(int cells, long count) {
        return String.format(Locale.ROOT, "%s [%s%s] %3d%% %,d/%,d", label, "=".repeat(cells), " ".repeat(CELLS - cells),
                Math.min(100, count * 100 / total), count, total);
    }

    /** Ends the step: the bar full on a terminal, or one line saying how many tasks ended and how long it took. */
    @Override
    public void close() {
        long count = done.get();
        String text = String.format(Locale.ROOT, "%s: %,d tasks ended in %.1f s", label, count,
                (System.nanoTime() - startNanos) / 1e9);
        synchronized (err) {
            err.println(terminal ? "\r" + line(CELLS, count) + " " + text.substring(label.length() + 2) : text);
        }
    }
}
