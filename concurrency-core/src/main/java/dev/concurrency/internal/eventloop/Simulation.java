package dev.concurrency.internal.eventloop;

import dev.concurrency.Trace;
import dev.concurrency.internal.engine.Durations;
import dev.concurrency.spi.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The deterministic side of a simulated loop: its virtual clock, its seeded
 * choice of what runs next, and its trace.
 *
 * <p><b>Lanes.</b> What the loop is handed goes into a lane: a coroutine's
 * steps into the coroutine's, a task's first step into a lane of its own, and
 * anything else into the lane of the step that handed it over (a timer's
 * action into the lane of the step that armed it; work from other threads
 * into one lane for them all). Each lane keeps its order; which lane goes next
 * is drawn from a generator seeded once, so the same seed and the same tasks
 * replay the same interleaving, and another seed lets a later task overtake
 * an earlier one at any suspension point.
 *
 * <p><b>Time</b> moves only when the loop has nothing ready: it jumps to the
 * next timer. Holds ({@link #hold}) keep the loop from running anything while
 * another thread hands it a batch, so the batch is seen whole.
 *
 * <p>Loop-only, except {@link #nanoTime}, {@link #hold}, {@link #schedule} and the trace's readers.
 */
final class Simulation implements VirtualTime {

    /** How many more lanes than twice those with work are kept before the empty ones are forgotten. */
    private static final int SWEEP_SLACK = 64;

    /** The trace's step for a checkpoint. */
    static final String CHECKPOINT_STEP = "suspended on checkpoint";

    /** The lane of work handed over by other threads. */
    private static final Object OUTSIDE = new Object() {
        @Override
        public String toString() {
            return "outside";
        }
    };

    /** What a piece of work names as its lane, rather than the lane of the step that handed it over. */
    interface Laned {
        /** @return its lane's key: compared by identity */
        Object lane();
    }

    private final EventLoop loop;
    private final long seed;
    private final SplittableRandom random;
    /** The run's network, with latencies drawn from a generator of its own, so that using it moves no other choice. */
    private final SimulatedNetwork network;
    private volatile long now;
    private final AtomicInteger holds = new AtomicInteger();
    /** Loop-only. */
    private final IdentityHashMap<Object, Lane> lanes = new IdentityHashMap<>();
    /** Loop-only: the lanes with work, in a deterministic order. */
    private final List<Lane> active = new ArrayList<>();
    /** Loop-only: the lane of the step running now. */
    private Object currentLane = OUTSIDE;
    /**
     * The trace, written on the loop and read from any thread: an entry is
     * stored before {@link #recorded} counts it, and a grown array is filled
     * before it replaces the old one, so a reader that reads the count, then
     * the array, finds every counted entry.
     */
    private volatile Entries entries = new Entries(1024);
    private volatile int recorded;


    Simulation(EventLoop loop, long seed) {
        this.loop = loop;
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.network = new SimulatedNetwork(loop, new SplittableRandom(~seed));
    }

    /**
     * Listens: on a server socket, or in a simulated run on a port of its in-memory network.
     *
     * @param loop      the task's loop
     * @param address   where
     * @param owner     the task, for errors
     * @param reusePort whether the port is shared with other listeners (real sockets only)
     * @return the port
     * @throws IOException if it cannot be bound (the message names it)
     */
    static LoopPort listen(EventLoop loop, java.net.InetSocketAddress address, Object owner, boolean reusePort)
            throws java.io.IOException {
        Simulation simulation = loop.simulation();
        return simulation == null ? LoopListener.open(loop, address, owner, reusePort)
                : simulation.network.listen(address, owner);
    }

    /**
     * Connects: a socket, or in a simulated run a connection of its in-memory network.
     *
     * @param loop     the task's loop
     * @param remote   where to
     * @param owner    the task, for errors
     * @param callback told the connection
     * @return disarms it
     */
    static Runnable connect(EventLoop loop, java.net.InetSocketAddress remote, Object owner,
                            Callback<LoopStream> callback) {
        Simulation simulation = loop.simulation();
        return simulation == null ? LoopConnection.connect(loop, remote, owner, callback::complete)
                : simulation.network.connect(remote, owner, callback);
    }

    /**
     * The trace's step for a sleep, made only in a simulated run, so that a real sleep builds no text.
     *
     * @param loop     the task's loop
     * @param duration how long it sleeps
     * @return the step, or {@code null} on a real loop
     */
    static String sleepStep(EventLoop loop, Duration duration) {
        if (loop.simulation() == null) {
            return null;
        }
        return duration.isZero() ? CHECKPOINT_STEP : "suspended on sleep(" + duration + ")";
    }

    /**
     * Work that, in a simulated run, begins a lane of its own (a child task's first step).
     *
     * @param loop the loop it goes to
     * @param lane its lane's key
     * @param work what to run
     * @return {@code work} itself on a real loop
     */
    static Runnable inOwnLane(EventLoop loop, Object lane, Runnable work) {
        if (loop.simulation() == null) {
            return work;
        }
        return inLane(lane, work);
    }

    /**
     * Work that names its lane (a timer's action: the lane of the step that armed it).
     *
     * @param lane its lane's key
     * @param work what to run
     * @return the work, naming its lane
     */
    static Runnable inLane(Object lane, Runnable work) {
        return new OwnLane(lane, work);
    }

    private record OwnLane(Object lane, Runnable work) implements Runnable, Laned {
        @Override
        public void run() {
            work.run();
        }
    }

    /** @return the seed */
    long seed() {
        return seed;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    /** @return the virtual time as an instant */
    Instant instant() {
        return Instant.EPOCH.plusNanos(now);
    }

    /**
     * Moves the clock on to a timer's deadline. Loop-only.
     *
     * @param deadline a {@link #nanoTime()} value, not in the past
     */
    void advanceTo(long deadline) {
        if (deadline - now > 0) {
            now = deadline;
        }
    }

    @Override
    public Runnable hold() {
        holds.incrementAndGet();
        AtomicInteger once = new AtomicInteger();
        return () -> {
            if (once.getAndIncrement() == 0 && holds.decrementAndGet() == 0) {
                loop.execute(EventLoop.NUDGE); // let a waiting loop see the batch
            }
        };
    }

    /** @return whether another thread is handing the loop a batch */
    boolean held() {
        return holds.get() > 0;
    }

    @Override
    public Runnable schedule(Duration delay, Runnable action) {
        long nanos = Durations.delayNanos(delay);
        if (loop.inLoop()) {
            LoopTimer timer = loop.schedule(nanos, action);
            return timer::cancel;
        }
        LoopTimer[] armed = new LoopTimer[1];
        boolean[] cancelled = new boolean[1];
        loop.execute(() -> {
            if (!cancelled[0]) {
                armed[0] = loop.schedule(nanos, action);
            }
        });
        return () -> loop.execute(() -> {
            cancelled[0] = true;
            if (armed[0] != null) {
                armed[0].cancel();
            }
        });
    }

    /** @return the lane a timer armed now belongs to. Loop-only. */
    Object currentLane() {
        return currentLane;
    }

    /**
     * Queues work handed over on the loop, in the lane it names or else the running step's. Loop-only.
     *
     * @param work what to run
     */
    void enqueue(Runnable work) {
        enqueue(work, work instanceof Laned l ? l.lane() : currentLane);
    }

    /**
     * Queues work that another thread handed over. Loop-only.
     *
     * @param work what to run
     */
    void enqueueFromOutside(Runnable work) {
        if (work == EventLoop.NUDGE) {
            return;
        }
        enqueue(work, work instanceof Laned l ? l.lane() : OUTSIDE);
    }

    /**
     * Queues work in a given lane. Loop-only.
     *
     * @param work what to run
     * @param lane its lane's key
     */
    void enqueue(Runnable work, Object lane) {
        Lane l = lanes.get(lane);
        if (l == null) {
            l = new Lane(lane);
            lanes.put(lane, l);
        }
        if (l.work.isEmpty()) {
            active.add(l);
        }
        l.work.add(work);
    }

    /**
     * Empties every lane into {@code into}, in lane order, for a dying loop to go through. Loop-only.
     *
     * @param into where the work goes
     */
    void drainTo(java.util.Collection<Runnable> into) {
        for (Lane lane : active) {
            into.addAll(lane.work);
            lane.work.clear();
        }
        active.clear();
        lanes.clear();
    }

    /**
     * Runs the head of a lane drawn at random. Loop-only.
     *
     * @param runner runs it as the loop runs any step
     * @return whether anything was ready
     */
    boolean runNext(java.util.function.Consumer<Runnable> runner) {
        int n = active.size();
        if (n == 0) {
            return false;
        }
        int i = n == 1 ? 0 : random.nextInt(n);
        Lane lane = active.get(i);
        Runnable work = lane.work.poll();
        if (lane.work.isEmpty()) {
            Lane last = active.remove(n - 1);
            if (i < n - 1) {
                active.set(i, last);
            }
            if (lanes.size() > 2 * active.size() + SWEEP_SLACK) {
                sweep();
            }
        }
        Object key = lane.key;
        Object outer = currentLane;
        currentLane = key;
        try {
            runner.accept(work);
        } finally {
            currentLane = outer;
        }
        return true;
    }

    /**
     * Adds a step to the trace, at the virtual time now. On the loop.
     *
     * @param task  the task's name
     * @param event what it did
     */
    @Override
    public void record(dev.concurrency.TaskInfo task, String event) {
        record((Object) task, event);
    }

    /**
     * Adds a step to the trace, at the virtual time now. On the loop.
     *
     * @param task  the task
     * @param event what it did
     */
    void record(Object task, String event) {
        Entries e = entries;
        int n = recorded;
        if (n == e.at.length) {
            e = e.grown();
            entries = e;
        }
        e.at[n] = now;
        e.task[n] = task;
        e.event[n] = event;
        recorded = n + 1;
    }

    /** The steps as recorded, one array per field (no object per step): made into {@link Trace.Step}s as read. */
    private record Entries(long[] at, Object[] task, String[] event) {
        Entries(int capacity) {
            this(new long[capacity], new Object[capacity], new String[capacity]);
        }

        Entries grown() {
            int n = at.length * 2;
            return new Entries(java.util.Arrays.copyOf(at, n), java.util.Arrays.copyOf(task, n),
                    java.util.Arrays.copyOf(event, n));
        }

        Trace.Step step(int i) {
            return new Trace.Step(Duration.ofNanos(at[i]), String.valueOf(task[i]), event[i]);
        }
    }

    @Override
    public int traceLength() {
        return recorded;
    }

    @Override
    public Trace trace(int from) {
        int to = recorded;
        Entries e = entries;
        return Trace.of(seed, to - from, i -> e.step(from + i));
    }

    /** Work queued in one lane, in order. */
    private static final class Lane {
        final Object key;
        final ArrayDeque<Runnable> work = new ArrayDeque<>();

        Lane(Object key) {
            this.key = key;
        }
    }

    /**
     * Forgets the lanes with no work (those of ended tasks, among others). Empty
     * lanes are kept until they outnumber the others, so that a lane that
     * empties at every step (a task that suspends) is not made anew each time.
     */
    private void sweep() {
        lanes.values().removeIf(l -> l.work.isEmpty());
    }
}
