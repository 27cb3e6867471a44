package dev.concurrency.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Finds the tables and rows the benchmark programs print, for their tests. */
final class TableText {

    private TableText() {
    }

    /** The table under the title line that starts with {@code title}, down to the next blank line. */
    static List<String> section(List<String> lines, String title) {
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(title)) {
                start = i;
                break;
            }
        }
        assertThat(start).as("a table titled '%s' in:%n%s", title, String.join("\n", lines)).isNotNegative();
        int end = start;
        while (end < lines.size() && !lines.get(end).isBlank()) {
            end++;
        }
        return lines.subList(start, end);
    }

    /** The row labelled {@code label}: the first line that starts with it and two spaces. */
    static String row(List<String> lines, String label) {
        return lines.stream().filter(l -> l.startsWith(label + "  ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row '" + label + "' in:\n" + String.join("\n", lines)));
    }
}
