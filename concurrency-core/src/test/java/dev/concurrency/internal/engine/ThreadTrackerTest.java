package dev.concurrency.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadTrackerTest {

    @Test
    void countsLiveThreadsAndJoinsThemAll() throws Exception {
        ThreadTracker tracker = new ThreadTracker(Thread.ofVirtual().name("tracked-", 0));
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            threads.add(tracker.start(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        assertThat(tracker.liveCount()).isEqualTo(10);
        assertThat(tracker.joinAll(System.nanoTime())).isFalse();
        release.countDown();
        assertThat(tracker.joinAll(System.nanoTime() + TimeUnit.SECONDS.toNanos(30))).isTrue();
        assertThat(tracker.liveCount()).isZero();
        assertThat(threads).noneMatch(Thread::isAlive);
        assertThat(threads.get(0).getName()).isEqualTo("tracked-0");
    }
}
