package dev.concurrency.benchmarks;

import dev.concurrency.Task;
import java.util.List;

/**
 * Two tasks that pass a turn back and forth, for the GIL hand-over
 * benchmark. A task whose turn it is gives the turn to the other and then
 * calls {@code ctx.checkpoint()} until the turn is back. Task code runs only
 * while its task holds the GIL, so each pass of the turn but the last needs
 * the lock to change hands once before the turn can come back: {@code 2 × rounds − 1}
 * hand-overs per game, each forced at a checkpoint but the one when the first
 * player ends.
 *
 * <p>The two tasks share one {@link Baton}, so they must run in one JVM.
 */
final class GilPingPong {

    private GilPingPong() {
    }

    /** Whose turn it is; written by the task that holds the lock, read by both. */
    static final class Baton {
        volatile int turn;
    }

    /**
     * @param rounds how often each player passes the turn
     * @return the two players of one new game; each returns how often it passed the turn
     */
    static List<Task<Integer>> game(int rounds) {
        Baton baton = new Baton();
        return List.of(player(baton, 0, rounds), player(baton, 1, rounds));
    }

    private static Task<Integer> player(Baton baton, int me, int rounds) {
        return ctx -> {
            for (int i = 0; i < rounds; i++) {
                while (baton.turn != me) {
                    ctx.checkpoint();
                }
                baton.turn = 1 - me;
            }
            return rounds;
        };
    }
}
