package dev.concurrency.testkit;

import dev.concurrency.Outcome;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import java.util.List;
import java.util.StringJoiner;

/**
 * The text of {@link Equivalence}'s failures: which tasks (index and name)
 * differ under which strategy, and the input, so that a failing property
 * can be read and replayed without a debugger. Stateless.
 */
final class MismatchMessage {

    /** The most tasks listed by name in a message. */
    static final int LISTED = 20;

    private MismatchMessage() {
    }

    /** {@return {@code tasks[i] 'name'}, or {@code tasks[i] (unnamed)}} */
    static String task(List<? extends Task<?>> tasks, int index) {
        String name = tasks.get(index).name();
        return "tasks[" + index + "] " + (name.isEmpty() ? "(unnamed)" : "'" + name + "'");
    }

    /**
     * {@return the whole failure message}
     *
     * @param mismatches one line per differing task, from {@link #line}
     */
    static String differ(Strategy strategy, List<String> mismatches, List<? extends Task<?>> run,
                         RunOptions options, String skipped) {
        StringJoiner text = new StringJoiner("\n");
        text.add("outcomes under " + strategy + " differ from a sequential run in " + mismatches.size() + " of "
                + run.size() + " tasks:");
        mismatches.forEach(line -> text.add("  " + line));
        text.add(input(run, options));
        if (!skipped.isEmpty()) {
            text.add("skipped: " + skipped);
        }
        if (run.stream().anyMatch(task -> task.name().isEmpty())) {
            text.add("(name a task with Task.named(name, task) or AsyncTask.named(name, task) to see its name here)");
        }
        return text.toString();
    }

    /** {@return one differing task: what the sequential run gave and what the strategy gave} */
    static String line(List<? extends Task<?>> run, int index, Outcome<?> expected, Outcome<?> actual) {
        return task(run, index) + ": expected " + Outcomes.describe(expected) + " (sequential run), got "
                + Outcomes.describe(actual);
    }

    /** {@return the run's input: its tasks by index and name, and its options} */
    static String input(List<? extends Task<?>> tasks, RunOptions options) {
        StringJoiner names = new StringJoiner(", ");
        for (int i = 0; i < Math.min(tasks.size(), LISTED); i++) {
            names.add(task(tasks, i));
        }
        String more = tasks.size() > LISTED ? ", and " + (tasks.size() - LISTED) + " more" : "";
        return "input: " + tasks.size() + " tasks [" + names + more + "], options " + options;
    }
}
