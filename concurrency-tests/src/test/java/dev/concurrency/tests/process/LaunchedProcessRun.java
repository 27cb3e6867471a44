package dev.concurrency.tests.process;

import dev.concurrency.Concurrency;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import java.util.List;

/** A program, run through {@link IsolatingLauncher}, that runs one task under PROCESS and prints its outcome. */
public final class LaunchedProcessRun {

    private LaunchedProcessRun() {
    }

    /**
     * @param args none
     */
    public static void main(String[] args) {
        Task<String> task = ctx -> "ran in " + ProcessHandle.current().pid();
        System.out.println("outcome: " + Concurrency.run(List.of(task), RunOptions.of(Strategy.PROCESS).workers(1))
                .outcome(0));
    }
}
