package dev.concurrency.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CountedThreadsTest {

    private static final long LONG = TimeUnit.SECONDS.toNanos(30);

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void countsLiveThreadsAndJoinsThemAll() throws Exception {
        CountedThreads threads = new CountedThreads(Thread.ofVirtual().name("counted"));
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            started.add(threads.start(CountedThreadsTest::await, release));
        }
        assertThat(threads.liveCount()).isEqualTo(10);
        assertThat(threads.joinAll(System.nanoTime())).isFalse();
        release.countDown();
        assertThat(threads.joinAll(System.nanoTime() + LONG)).isTrue();
        assertThat(threads.liveCount()).isZero();
        assertThat(started).noneMatch(Thread::isAlive);
    }

    @Test
    void aJoinerWaitingIsWokenWhenTheLastThreadEnds() throws Exception {
        CountedThreads threads = new CountedThreads(Thread.ofVirtual());
        CountDownLatch release = new CountDownLatch(1);
        Thread waiting = threads.start(CountedThreadsTest::await, release);
        CompletableFuture<Boolean> joined = CompletableFuture.supplyAsync(() -> {
            try {
                return threads.joinAll(System.nanoTime() + LONG);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        release.countDown();
        assertThat(joined.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(waiting.isAlive()).isFalse();
    }

    @Test
    void knowsItsOwnThreadsOnly() throws Exception {
        CountedThreads threads = new CountedThreads(Thread.ofVirtual());
        CountedThreads others = new CountedThreads(Thread.ofVirtual());
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> theirs = new CompletableFuture<>();
        threads.start(f -> f.complete(threads.ownsCurrentThread()), mine);
        others.start(f -> f.complete(threads.ownsCurrentThread()), theirs);
        assertThat(mine.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(theirs.get(30, TimeUnit.SECONDS)).isFalse();
        assertThat(threads.ownsCurrentThread()).isFalse();
        assertThat(threads.joinAll(System.nanoTime() + LONG)).isTrue();
        assertThat(others.joinAll(System.nanoTime() + LONG)).isTrue();
    }

    @Test
    void anAbandonedThreadIsNotWaitedForButStillCounts() throws Exception {
        CountedThreads threads = new CountedThreads(Thread.ofVirtual());
        CountDownLatch release = new CountDownLatch(1);
        Thread deaf = threads.start(CountedThreadsTest::await, release);
        try {
            CompletableFuture<Boolean> joined = CompletableFuture.supplyAsync(() -> {
                try {
                    return threads.joinAll(System.nanoTime() + LONG);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            ThreadTracker.abandon(deaf); // while the joiner waits: it notices within its slice
            assertThat(joined.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(threads.liveCount()).isEqualTo(1);
        } finally {
            release.countDown();
        }
        deaf.join();
        assertThat(ThreadTracker.isAbandoned(deaf)).isFalse();
        assertThat(threads.liveCount()).isZero();
    }

    @Test
    void aThrowingThreadStillLeavesTheCount() throws Exception {
        CountedThreads threads = new CountedThreads(Thread.ofVirtual());
        Thread thread = threads.start(message -> {
            throw new IllegalStateException(message);
        }, "a deliberate failure, logged as uncaught");
        assertThat(threads.joinAll(System.nanoTime() + LONG)).isTrue();
        assertThat(thread.isAlive()).isFalse();
        assertThat(threads.liveCount()).isZero();
    }
}
