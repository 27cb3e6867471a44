package dev.concurrency.spi;

/**
 * Where a strategy's emulated interpreter lock lives, when a run has one
 * ({@link dev.concurrency.RunOptions#gil(dev.concurrency.Gil)}).
 *
 * <p>Immutable and thread-safe.
 */
public enum GilScope {

    /** One lock for every task of a run (or runner) in this JVM, as the threads of one Python process share one. */
    PER_RUN,

    /**
     * One lock per process that runs tasks, as each Python process has its own
     * interpreter: the engine's far side keeps it, through a {@link RemoteTaskRunner}.
     */
    PER_PROCESS
}
