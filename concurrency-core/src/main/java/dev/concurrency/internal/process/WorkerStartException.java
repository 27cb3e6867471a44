package dev.concurrency.internal.process;

import java.io.IOException;
import java.io.Serial;

/** A worker JVM exited before it was ready: a bad JVM flag, a missing class path, too little memory. */
final class WorkerStartException extends IOException {

    @Serial
    private static final long serialVersionUID = 1L;

    WorkerStartException(String message) {
        super(message);
    }
}
