package dev.concurrency.examples.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TableTest {

    private static Table sample() {
        return new Table("CPU-bound: a title", List.of("run", "wall (s)"), List.of("p99 (ms)"))
                .row("THREAD, no GIL", "0.812", "811.0")
                .row("PROCESS", "12.5", "9.0")
                .note("CALLBACK", "not run: <why>")
                .takeaway("threads win");
    }

    @Test
    void theTerminalFormShowsTheBriefColumnsAligned() {
        assertThat(sample().format()).isEqualTo("""
                CPU-bound: a title
                run             wall (s)
                THREAD, no GIL     0.812
                PROCESS             12.5
                CALLBACK        not run: <why>
                => threads win
                """);
    }

    @Test
    void noTerminalLineIsWiderThan120() {
        Table table = new Table("word ".repeat(60), "run", "a", "b")
                .row("x", "1", "2")
                .note("y", "z".repeat(300))
                .takeaway("long ".repeat(50));

        String text = table.format();

        assertThat(text.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(Table.WIDTH));
        assertThat(text.lines().filter(l -> l.startsWith("=> ") || l.startsWith("   long"))).hasSizeGreaterThan(1);
        assertThat(text).contains("\ny    zzz", "…");
    }

    @Test
    void theReportFormIsAnHtmlTableWithEveryColumn() {
        Element html = Jsoup.parseBodyFragment(sample().toHtml()).body();

        assertThat(html.select("div.table > table > caption").text()).isEqualTo("CPU-bound: a title");
        assertThat(html.select("thead th").eachText()).containsExactly("run", "wall (s)", "p99 (ms)");
        assertThat(html.select("tbody tr")).hasSize(3);
        assertThat(html.select("tbody tr").get(0).select("td").eachText()).containsExactly("0.812", "811.0");
        assertThat(html.select("td.note").attr("colspan")).isEqualTo("2");
        assertThat(html.select("td.note").text()).isEqualTo("not run: <why>");
        assertThat(html.select("p.takeaway").text()).isEqualTo("threads win");
    }

    @Test
    void rejectsARowOfTheWrongWidth() {
        assertThatThrownBy(() -> sample().row("only", "two"))
                .hasMessage("row: 2 cells (expected: 3)");
    }

    @Test
    void ratiosReadAsTimes() {
        assertThat(Figures.times(1.94)).isEqualTo("1.9x");
        assertThat(Figures.times(0.6789)).isEqualTo("0.68x");
        assertThat(Figures.times(40.2)).isEqualTo("40x");
        assertThat(Figures.times(0.0042)).isEqualTo("0.004x");
        assertThat(Figures.bytes(6_144)).isEqualTo("6.0 KiB");
        assertThat(Figures.bytes(812)).isEqualTo("812 B");
    }
}
