package dev.concurrency.internal.compare;

import dev.concurrency.ComparisonRow;
import dev.concurrency.internal.ResidentMemory;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples this JVM's heap in use ({@link MemoryMXBean}) and resident set size
 * ({@code VmRSS} of {@code /proc/self/status}, where it can be read) on one
 * daemon platform thread, keeping the peaks, until {@link #stop()}, which
 * joins the thread: none outlives the sampler.
 *
 * <p>The peaks are written by the sampling thread and, once, by the thread
 * that stops it, through atomics; {@code stop} is called by the thread that
 * started the sampler.
 */
public final class MemorySampler {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final long UNKNOWN = -1;

    private final long heapAtStart;
    private final long residentAtStart;
    private final AtomicLong peakHeap = new AtomicLong();
    private final AtomicLong peakResident = new AtomicLong(UNKNOWN);
    private final long intervalNanos;
    private final Thread thread;
    /** Set by the stopping thread; read by the sampling thread. */
    private volatile boolean stopped;

    private MemorySampler(Duration interval) {
        this.intervalNanos = dev.concurrency.internal.engine.Durations.delayNanos(interval);
        this.heapAtStart = heapUsed();
        this.residentAtStart = residentBytes();
        peakHeap.set(heapAtStart);
        peakResident.set(residentAtStart);
        this.thread = Thread.ofPlatform().name("concurrency-compare-memory").daemon().unstarted(this::sampleUntilStopped);
    }

    /**
     * Takes the first sample and starts sampling.
     *
     * @param interval how often to sample
     * @return the running sampler
     */
    public static MemorySampler start(Duration interval) {
        MemorySampler sampler = new MemorySampler(interval);
        sampler.thread.start();
        return sampler;
    }

    private void sampleUntilStopped() {
        while (!stopped) {
            sample();
            LockSupport.parkNanos(this, intervalNanos);
        }
    }

    private void sample() {
        long heap = heapUsed();
        peakHeap.accumulateAndGet(heap, Math::max);
        long resident = residentBytes();
        if (resident != UNKNOWN) {
            peakResident.accumulateAndGet(resident, Math::max);
        }
    }

    /**
     * Stops and joins the sampling thread (waiting through interrupts, whose
     * status it restores), takes a last sample, and returns the figures.
     *
     * @return the memory at the start and the peaks
     */
    public ComparisonRow.Memory stop() {
        stopped = true;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        sample();
        return new ComparisonRow.Memory(heapAtStart, peakHeap.get(), optional(residentAtStart),
                optional(peakResident.get()));
    }

    private static OptionalLong optional(long bytes) {
        return bytes == UNKNOWN ? OptionalLong.empty() : OptionalLong.of(bytes);
    }

    private static long heapUsed() {
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** @return the resident set size in bytes, or {@link #UNKNOWN} where {@code /proc/self/status} has none */
    static long residentBytes() {
        return ResidentMemory.self().current().orElse(UNKNOWN);
    }
}
