package dev.concurrency.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    private final LineReader reader = new LineReader();

    private void feed(String text) {
        reader.beginFill().put(text.getBytes(StandardCharsets.UTF_8));
        reader.endFill();
    }

    @Test
    void splitsLinesAcrossReadsAndDropsCarriageReturns() {
        feed("HTTP/1.1 200 OK\r\nHo");
        assertThat(reader.nextLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(reader.nextLine()).isNull();
        feed("st: x\n\n");
        assertThat(reader.nextLine()).isEqualTo("Host: x");
        assertThat(reader.nextLine()).isEmpty();
        assertThat(reader.nextLine()).isNull();
    }

    @Test
    void keepsBytesAfterALineForPlainReads() {
        feed("one\ntwo");
        assertThat(reader.nextLine()).isEqualTo("one");
        assertThat(reader.hasBuffered()).isTrue();
        ByteBuffer dst = ByteBuffer.allocate(2);
        assertThat(reader.drainInto(dst)).isEqualTo(2);
        assertThat(new String(dst.array(), StandardCharsets.UTF_8)).isEqualTo("tw");
        assertThat(reader.nextLine()).isNull();
        assertThat(reader.rest()).isEqualTo("o");
        assertThat(reader.rest()).isNull();
    }

    @Test
    void decodesUtf8SplitBetweenReads() {
        byte[] bytes = "café\n".getBytes(StandardCharsets.UTF_8);
        reader.beginFill().put(bytes, 0, 4);
        reader.endFill();
        assertThat(reader.nextLine()).isNull();
        reader.beginFill().put(bytes, 4, bytes.length - 4);
        reader.endFill();
        assertThat(reader.nextLine()).isEqualTo("café");
    }
}
