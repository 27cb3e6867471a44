package dev.concurrency.examples.cli;

import java.io.PrintStream;
import java.util.Set;
import java.util.function.Function;

/**
 * The one frame of the example programs: parse the command line, print the
 * usage for {@code --help}, run, exit with the status. Bad arguments print
 * {@code error: <what is wrong>} and the usage on stderr and exit with 2, with
 * no stack trace.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     Program.exit(run(args, System.out, System.err));
 * }
 * static int run(String[] args, PrintStream out, PrintStream err) {
 *     return Program.run(args, out, err, USAGE, FLAGS, WITH_VALUE, Options::of, Bench::measure);
 * }
 * }</pre>
 */
public final class Program {

    /** Exit status for bad arguments. */
    public static final int BAD_ARGUMENTS = 2;

    private Program() {
    }

    /** What a program does once its options are known. */
    @FunctionalInterface
    public interface Body<O> {
        /**
         * @return 0 when it did what was asked, another status if not
         */
        int run(O options, PrintStream out, PrintStream err);
    }

    /**
     * @param args      the command line
     * @param out       where results and the usage for {@code --help} go
     * @param err       where errors go
     * @param usage     the usage message
     * @param flags     the flags the program takes
     * @param withValue the options that take a value
     * @param options   makes the program's options of the parsed line; throws
     *                  {@link IllegalArgumentException} naming what is wrong
     * @param body      the program
     * @return the body's status; 0 for {@code --help}; {@value #BAD_ARGUMENTS} for bad arguments
     */
    public static <O> int run(String[] args, PrintStream out, PrintStream err, String usage, Set<String> flags,
                              Set<String> withValue, Function<CommandLine, O> options, Body<O> body) {
        O parsed;
        try {
            CommandLine line = CommandLine.parse(args, flags, withValue);
            if (line.help()) {
                out.print(usage);
                return 0;
            }
            parsed = options.apply(line);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(usage);
            return BAD_ARGUMENTS;
        }
        return body.run(parsed, out, err);
    }

    /** Ends the program with {@code status}, output flushed; returns only for 0. */
    public static void exit(int status) {
        System.out.flush();
        System.err.flush();
        if (status != 0) {
            System.exit(status);
        }
    }
}
