package dev.concurrency.examples;

import dev.concurrency.examples.cli.Program;
import dev.concurrency.examples.experiments.Experiment;
import dev.concurrency.examples.report.HtmlReport;
import dev.concurrency.examples.report.Section;
import dev.concurrency.examples.text.Table;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The main program: the classic experiments ({@code cpu}, {@code io},
 * {@code many}, {@code convoy}; all by default, in a quick mode), each a table
 * on stdout comparing every strategy, then one self-contained HTML report with
 * the tables and charts. Progress goes to stderr.
 *
 * <pre>
 * ./mvnw -q -pl concurrency-examples -am -DskipTests package exec:exec -Dexec.args="io many --full"
 * </pre>
 */
public final class Main {

    private Main() {
    }

    /**
     * The folder the user ran the program from, against which a relative
     * {@code --report} path resolves: Maven's {@code exec:exec} runs the
     * program in the module's folder, so the examples' build passes the
     * folder Maven was started in as {@value #WORKING_DIRECTORY}; elsewhere the
     * JVM's own working directory.
     */
    static final String WORKING_DIRECTORY = "concurrency.examples.workingDirectory";

    /**
     * Runs the experiments and exits with a non-zero status if it could not.
     *
     * @param args the options; see {@code --help}
     */
    public static void main(String[] args) {
        Program.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the chosen experiments, printing each table as it is done, and writes the report.
     *
     * @param args the arguments
     * @param out  where the tables and the report's path go
     * @param err  where progress, errors and usage go
     * @return 0 when every table and the report were written (rows of strategies
     *         that failed included), 1 if an experiment or the report could not
     *         be done, 2 for bad arguments
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return Program.run(args, out, err, Arguments.usage(), Arguments.FLAGS, Arguments.WITH_VALUE, Arguments::of,
                Main::run);
    }

    private static int run(Arguments arguments, PrintStream out, PrintStream err) {
        String about = String.format(Locale.ROOT, "experiments %s (%s); strategies %s; %d cores; Java %s",
                arguments.experiments().stream().map(Experiment::id).collect(Collectors.joining(", ")),
                arguments.full() ? "full" : "quick", arguments.settings().strategies(),
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        out.print(Table.wrapped("concurrency: the same tasks under every strategy; " + about));
        int status = 0;
        List<Section> sections = new ArrayList<>();
        for (Experiment experiment : arguments.experiments()) {
            err.println("running: " + experiment.id());
            Section section;
            try {
                section = experiment.run(arguments.settings(), err);
            } catch (IOException | RuntimeException e) {
                err.println("error: " + experiment.id() + ": " + e);
                status = 1;
                continue;
            }
            sections.add(section);
            out.println();
            out.print(section.text());
            out.flush();
        }
        Path report = arguments.report();
        try {
            HtmlReport.write(report, "concurrency: the same tasks under every strategy", about, sections);
            out.println();
            out.println("report: " + report);
        } catch (IOException e) {
            err.println("error: cannot write the report " + report + ": " + e);
            status = 1;
        }
        return status;
    }

    /** @return where a relative report path starts: {@value #WORKING_DIRECTORY} if set, else the working directory */
    static Path userDirectory() {
        String given = System.getProperty(WORKING_DIRECTORY, "");
        return Path.of(given.isBlank() ? System.getProperty("user.dir") : given);
    }
}
