package dev.concurrency.examples.bench;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;

/** Echoes each byte of stdin to stdout until stdin ends: the far end of {@link Perf}'s bare pipe round trip. */
public final class PipeEcho {

    private PipeEcho() {
    }

    /**
     * Echoes, unbuffered.
     *
     * @param args ignored
     * @throws IOException if a pipe fails
     */
    public static void main(String[] args) throws IOException {
        try (FileInputStream in = new FileInputStream(FileDescriptor.in);
             FileOutputStream out = new FileOutputStream(FileDescriptor.out)) {
            for (int b; (b = in.read()) >= 0; ) {
                out.write(b);
            }
        }
    }
}
