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
    void splitsLinesAcrossReadsAndDropsCarriageReturns() throws Exception {
        feed("HTTP/1.1 200 OK\r\nHo");
        assertThat(reader.nextLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(reader.nextLine()).isNull();
        feed("st: x\n\n");
        assertThat(reader.nextLine()).isEqualTo("Host: x");
        assertThat(reader.nextLine()).isEmpty();
        assertThat(reader.nextLine()).isNull();
    }

    @Test
    void keepsBytesAfterALineForPlainReads() throws Exception {
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
    void decodesUtf8SplitBetweenReads() throws Exception {
        byte[] bytes = "café\n".getBytes(StandardCharsets.UTF_8);
        reader.beginFill().put(bytes, 0, 4);
        reader.endFill();
        assertThat(reader.nextLine()).isNull();
        reader.beginFill().put(bytes, 4, bytes.length - 4);
        reader.endFill();
        assertThat(reader.nextLine()).isEqualTo("café");
    }

    @Test
    void aLineLongerThanTheLimitFailsInsteadOfGrowingWithoutEnd() throws Exception {
        LineReader reader = new LineReader();
        byte[] chunk = new byte[8192];
        java.util.Arrays.fill(chunk, (byte) 'x');
        int fed = 0;
        java.io.IOException failure = null;
        while (failure == null && fed <= dev.concurrency.Connection.MAX_LINE_BYTES + chunk.length) {
            java.nio.ByteBuffer fill = reader.beginFill();
            fill.put(chunk, 0, Math.min(chunk.length, fill.remaining()));
            reader.endFill();
            fed += chunk.length;
            try {
                org.assertj.core.api.Assertions.assertThat(reader.nextLine()).isNull();
            } catch (java.io.IOException e) {
                failure = e;
            }
        }
        org.assertj.core.api.Assertions.assertThat(failure).isNotNull()
                .hasMessageStartingWith("a line longer than 1048576 bytes");
    }
}
