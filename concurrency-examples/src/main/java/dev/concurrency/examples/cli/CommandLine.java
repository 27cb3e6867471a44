package dev.concurrency.examples.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one argument parser of the example programs: words (experiments,
 * measurements), flags ({@code --full}) and options with a value
 * ({@code --tasks 4}), in any order. {@code -tasks} works as {@code --tasks},
 * {@code -h} as {@code --help}. What the words and values mean is the
 * program's to check; the errors read {@code name: value (expected: constraint)}.
 *
 * <pre>{@code
 * CommandLine line = CommandLine.parse(args, Set.of("--quick"), Set.of("--tasks"));
 * int tasks = line.positive("--tasks", 100);
 * }</pre>
 *
 * <p>Immutable.
 */
public final class CommandLine {

    /** The flag every program takes: print the usage and stop. */
    public static final String HELP = "--help";

    private final List<String> words;
    private final Set<String> flags;
    private final Map<String, List<String>> values;

    private CommandLine(List<String> words, Set<String> flags, Map<String, List<String>> values) {
        this.words = List.copyOf(words);
        this.flags = Set.copyOf(flags);
        this.values = Map.copyOf(values);
    }

    /**
     * @param args      the command line
     * @param flagNames the flags the program takes ({@link #HELP} always)
     * @param withValue the options that take a value
     * @return what was given
     * @throws IllegalArgumentException for an unknown option or an option without its value
     */
    public static CommandLine parse(String[] args, Set<String> flagNames, Set<String> withValue) {
        List<String> words = new ArrayList<>();
        Set<String> flags = new HashSet<>();
        Map<String, List<String>> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.equals("-h") ? HELP
                    : arg.length() > 2 && arg.startsWith("-") && !arg.startsWith("--") ? "-" + arg : arg;
            if (name.equals(HELP) || flagNames.contains(name)) {
                flags.add(name);
            } else if (withValue.contains(name)) {
                if (++i >= args.length) {
                    throw new IllegalArgumentException(name + ": missing value");
                }
                values.computeIfAbsent(name, k -> new ArrayList<>()).add(args[i]);
            } else if (arg.startsWith("-")) {
                throw new IllegalArgumentException("unknown option: '" + arg + "'");
            } else {
                words.add(arg);
            }
        }
        values.replaceAll((k, v) -> List.copyOf(v));
        return new CommandLine(words, flags, values);
    }

    /** @return the arguments that are neither options nor their values, in order */
    public List<String> words() {
        return words;
    }

    /** @return whether {@code --help} was given */
    public boolean help() {
        return flag(HELP);
    }

    /** @return whether the flag was given */
    public boolean flag(String name) {
        return flags.contains(name);
    }

    /** @return the option's value, the last one if given more than once */
    public Optional<String> value(String name) {
        List<String> given = values.getOrDefault(name, List.of());
        return given.isEmpty() ? Optional.empty() : Optional.of(given.getLast());
    }

    /** @return every value given for a repeatable option, in order */
    public List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    /**
     * @param name      the option
     * @param otherwise the default
     * @return its value as a whole number {@code > 0}, or the default if not given
     * @throws IllegalArgumentException {@code --tasks: 'x' (expected: a whole number > 0)}
     */
    public int positive(String name, int otherwise) {
        return value(name).map(text -> positive(name, text)).orElse(otherwise);
    }

    /**
     * @param name what the text is, for the message
     * @param text a whole number; {@code _} between digits is allowed
     * @return the number
     * @throws IllegalArgumentException if it is not a whole number {@code > 0}
     */
    public static int positive(String name, String text) {
        int value;
        try {
            value = Integer.parseInt(text.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + text + "' (expected: a whole number > 0)");
        }
        if (value <= 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
        return value;
    }
}
