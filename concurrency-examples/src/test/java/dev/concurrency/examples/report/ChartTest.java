package dev.concurrency.examples.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concurrency.examples.text.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartTest {

    @Test
    void barsOnePerValueAndAGapMarkedForAMissingOne() {
        String svg = new BarChart("wall <time>", "s", List.of("THREAD", "CALLBACK"),
                List.of(new Series("no GIL", List.of(0.5, Double.NaN)), new Series("python3", List.of(1.5, 2.0))),
                false).toSvg();

        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>\n")
                .contains("<title>wall &lt;time&gt;</title>", ">n/a<", "<title>THREAD, python3: 1.5</title>");
        assertThat(svg.split("<rect ", -1)).hasSize(1 + 1 + 3 + 2); // background, bars, legend squares
    }

    @Test
    void linesOnALogScaleBreakAtMissingValues() {
        String svg = new LineChart("heap per task", "tasks", "bytes", List.of(1e3, 1e4, 1e5),
                List.of(new Series("THREAD", List.of(9000.0, Double.NaN, Double.NaN)),
                        new Series("VIRTUAL_THREAD", List.of(1400.0, 1300.0, 1270.0))), true).toSvg();

        assertThat(svg).contains("tasks (log scale)", ">1k<", ">10k<", ">100k<");
        assertThat(svg.split("<polyline ", -1)).hasSize(2);
        assertThat(svg.split("<circle ", -1)).hasSize(1 + 1 + 3);
    }

    @Test
    void axesPickNiceTicks() {
        assertThat(Axis.fitting(List.of(0.0, 7.3), false).ticks()).containsExactly(0.0, 2.0, 4.0, 6.0, 8.0);
        assertThat(Axis.fitting(List.of(93.0, 38_000.0), true).ticks()).containsExactly(10.0, 100.0, 1e3, 1e4, 1e5);
        assertThat(Axis.fitting(List.of(Double.NaN), false).ticks()).containsExactly(0.0, 0.2, 0.4, 0.6000000000000001,
                0.8, 1.0);
        assertThat(Axis.fitting(List.of(1.02, 20.0), true).ticks()).as("no sliver bars just above the bottom")
                .containsExactly(0.1, 1.0, 10.0, 100.0);
        assertThat(BarChart.wrap("VIRTUAL_THREAD", 10)).containsExactly("VIRTUAL_", "THREAD");
        assertThat(BarChart.wrap("python3 5 ms, CPU task on PROCESS", 12)).containsExactly("python3 5", "ms, CPU task",
                "on PROCESS");
        assertThat(BarChart.wrap("EVENT_LOOP", 12)).containsExactly("EVENT_LOOP");
        assertThat(Axis.label(0.25)).isEqualTo("0.25");
        assertThat(Axis.label(2_000_000)).isEqualTo("2M");
    }

    @Test
    void rejectsASeriesOfTheWrongLength() {
        assertThatThrownBy(() -> new BarChart("t", "y", List.of("a", "b"), List.of(new Series("s", List.of(1.0))), false))
                .hasMessage("series 's': 1 values (expected: one per category, 2)");
    }

    @Test
    void theReportIsOneFileWithoutExternalResources() {
        Table table = new Table("a < b", "run", "wall (s)").row("THREAD", "0.5");
        String html = HtmlReport.html("title & more", "about",
                List.of(new Section("One", "what it shows", List.of(table), List.of("<svg></svg>"), null)));
        assertThat(html).contains("<title>title &amp; more</title>", "<caption>a &lt; b</caption>", "<svg></svg>")
                .doesNotContain("<script", "href=", "src=", "<details>");
    }
}
