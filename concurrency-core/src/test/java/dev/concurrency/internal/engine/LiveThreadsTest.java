package dev.concurrency.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LiveThreadsTest {

    /** Rounds per thread in the concurrent test; scaled by {@code concurrency.stress}. */
    private static final int ROUNDS = 20_000 * Integer.getInteger("concurrency.stress", 1);

    private static LiveThreads.Node node() {
        LiveThreads.Node node = new LiveThreads.Node();
        node.thread = Thread.ofVirtual().unstarted(() -> { });
        return node;
    }

    @Test
    void addsFindsCountsAndRemovesNodesAnywhereInTheirLists() {
        LiveThreads live = new LiveThreads();
        List<LiveThreads.Node> nodes = new ArrayList<>();
        for (int i = 0; i < 100; i++) { // several per stripe: heads, middles and tails get removed
            LiveThreads.Node node = node();
            live.add(node);
            nodes.add(node);
        }
        assertThat(live.size()).isEqualTo(100);
        assertThat(live.<LiveThreads.Node>snapshot()).containsExactlyInAnyOrderElementsOf(nodes);
        for (int i = 0; i < nodes.size(); i += 3) {
            assertThat(live.remove(nodes.get(i))).isTrue();
        }
        for (int i = 0; i < nodes.size(); i++) {
            assertThat(live.contains(nodes.get(i).thread)).as("node %d", i).isEqualTo(i % 3 != 0);
        }
        assertThat(live.size()).isEqualTo(66);
        assertThat(live.remove(nodes.get(0))).as("a second removal").isFalse();
        assertThat(live.size()).isEqualTo(66);
        for (int i = nodes.size() - 1; i >= 0; i--) {
            live.remove(nodes.get(i));
        }
        assertThat(live.size()).isZero();
        assertThat(live.snapshot()).isEmpty();
        assertThat(live.contains(Thread.currentThread())).isFalse();
    }

    @Test
    void threadsAddingAndRemovingAtOnceLoseNoNodeAndLeaveNone() throws Exception {
        LiveThreads live = new LiveThreads();
        int threads = 4;
        LiveThreads.Node kept = node();
        live.add(kept); // its neighbours come and go around it
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    LiveThreads.Node[] mine = {node(), node(), node()};
                    go.await();
                    for (int round = 0; round < ROUNDS; round++) {
                        LiveThreads.Node node = mine[round % mine.length];
                        live.add(node);
                        if (!live.contains(node.thread)) {
                            throw new AssertionError("a node just added is not found");
                        }
                        if (round % 7 == 0) {
                            live.size();
                            live.snapshot();
                        }
                        if (!live.remove(node) || live.contains(node.thread)) {
                            throw new AssertionError("a node just removed was not there, or still is");
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> worker : workers) {
                worker.get(50, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(live.<LiveThreads.Node>snapshot()).containsExactly(kept);
        assertThat(live.size()).isEqualTo(1);
        assertThat(live.contains(kept.thread)).isTrue();
    }
}
