package dev.concurrency.examples.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the experiments' sections as one self-contained HTML file: tables as
 * HTML tables (every column; a box that scrolls sideways if the page is narrow), charts as inline SVG, the figures as CSV and JSON in
 * folded blocks; no script, no external style sheet or font, so it reads
 * offline. Not thread-safe.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body { font-family: sans-serif; margin: 2em auto; max-width: 1100px; padding: 0 1em; color: #222; }
            h1 { font-size: 1.5em; } h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 2em; }
            .table { overflow-x: auto; max-width: 100%; border: 1px solid #e4e4e4; }
            table { border-collapse: collapse; font-size: 13px; white-space: nowrap; }
            caption { caption-side: top; text-align: left; padding: 0.5em; white-space: normal; color: #444; }
            th, td { padding: 0.25em 0.7em; border-bottom: 1px solid #eee; }
            thead th { background: #f2f2f2; position: sticky; top: 0; }
            td { text-align: right; font-variant-numeric: tabular-nums; }
            tbody th, thead th:first-child { text-align: left; } tbody th { font-weight: normal; }
            td.note { text-align: left; color: #8a5a00; white-space: normal; }
            .takeaway { font-weight: bold; border-left: 4px solid #0072B2; padding: 0.3em 0.7em; background: #f4f8fb; }
            .charts { display: flex; flex-wrap: wrap; gap: 1em; }
            svg { max-width: 100%; height: auto; border: 1px solid #eee; }
            pre { background: #f6f6f6; padding: 0.8em; overflow-x: auto; font-size: 12px; }
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
            out.append("<p>").append(Svg.escape(section.about())).append("</p>\n");
            section.tables().forEach(t -> out.append(t.toHtml()));
            out.append("<div class=\"charts\">\n");
            section.charts().forEach(out::append);
            out.append("</div>\n");
            section.data().ifPresent(c -> {
                out.append("<details><summary>CSV</summary><pre>").append(Svg.escape(c.toCsv())).append("</pre></details>\n");
                out.append("<details><summary>JSON</summary><pre>").append(Svg.escape(c.toJson())).append("</pre></details>\n");
            });
            out.append("</section>\n");
        }
        return out.append("</body>\n</html>\n").toString();
    }
}
