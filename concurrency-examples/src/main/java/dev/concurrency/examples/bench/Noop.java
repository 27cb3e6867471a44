package dev.concurrency.examples.bench;

/** A main that does nothing: the bare JVM start {@link ProcessBenchmark} compares a worker's start with. */
public final class Noop {

    private Noop() {
    }

    /**
     * Returns at once.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        // nothing: the time is the JVM's own start and exit
    }
}
