package dev.concurrency.examples.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the experiments' sections as one self-contained HTML file: tables as
 * preformatted text, charts as inline SVG, the figures as CSV and JSON in
 * folded blocks; no script, no external style sheet or font, so it reads
 * offline. Not thread-safe.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body { font-family: sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
            pre { background: #f6f6f6; padding: 0.8em; overflow-x: auto; font-size: 12px; }
            h1 { font-size: 1.5em; } h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; }
            svg { display: block; margin: 1em 0; border: 1px solid #eee; }
            summary { cursor: pointer; color: #555; }
            """;

    private HtmlReport() {
    }

    /**
     * @param file     where to write (its parent folders are made)
     * @param heading  the page's title and first line
     * @param about    a line under the heading (machine, sizes)
     * @param sections the experiments, in order
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, String heading, String about, List<Section> sections) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, html(heading, about, sections), StandardCharsets.UTF_8);
    }

    /** @return the whole page */
    static String html(String heading, String about, List<Section> sections) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.append("<title>").append(Svg.escape(heading)).append("</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n");
        out.append("<h1>").append(Svg.escape(heading)).append("</h1>\n<p>").append(Svg.escape(about)).append("</p>\n");
        for (Section section : sections) {
            out.append("<section>\n<h2>").append(Svg.escape(section.title())).append("</h2>\n");
            out.append("<pre>").append(Svg.escape(section.text())).append("</pre>\n");
            section.charts().forEach(out::append);
            section.data().ifPresent(c -> {
                out.append("<details><summary>CSV</summary><pre>").append(Svg.escape(c.toCsv())).append("</pre></details>\n");
                out.append("<details><summary>JSON</summary><pre>").append(Svg.escape(c.toJson())).append("</pre></details>\n");
            });
            out.append("</section>\n");
        }
        return out.append("</body>\n</html>\n").toString();
    }
}
