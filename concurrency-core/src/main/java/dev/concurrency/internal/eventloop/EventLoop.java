package dev.concurrency.internal.eventloop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that owns a {@link Selector}, a timer heap and a ready queue, and
 * runs whatever is handed to it, one thing at a time.
 *
 * <p>Other threads hand it work through {@link #execute}: an {@link Inbox}, a
 * JCTools MPSC queue and {@link Selector#wakeup()} only when the loop may be
 * asleep in {@code select}. The loop sets a flag before it looks at its queue
 * a last time and sleeps; a producer offers, then reads the flag. One of them
 * sees the other, so no hand-off sleeps through.
 *
 * <p>"On the loop" means on the loop thread, or on the coroutine the loop has
 * handed itself to (the baton mechanism, while the loop thread waits); fields
 * marked loop-only are touched only there, checked by {@code assert inLoop()}.
 *
 * <p>Each turn: fire due timers, move handed-over work to the ready queue, run
 * what was ready at the start of the turn, then select (without sleeping if
 * work is ready). The loop ends once asked to stop and nothing is left to do.
 *
 * <p>A loop either has a thread of its own, or is <b>driven</b> by the thread
 * that made it ({@link #driven}, {@link #runUntil}): a task's own thread runs
 * an {@code AsyncTask}'s callbacks that way under the thread strategies.
 *
 * <p>Failure: a task's step that throws a {@link RuntimeException} is logged and
 * the loop goes on (task code is guarded where it runs, so this is the
 * library's own fault); an {@link Error} there, or a failing selector, kills the
 * loop, and every {@link Member} of it (its tasks) is told, so that each fails
 * instead of waiting for a loop that will never run again.
 */
public final class EventLoop implements java.util.concurrent.Executor {

    private static final Logger log = LoggerFactory.getLogger(EventLoop.class);
    private static final java.lang.invoke.VarHandle HOLDER;

    static {
        try {
            HOLDER = java.lang.invoke.MethodHandles.lookup().findVarHandle(EventLoop.class, "holder", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Nothing to do, handed over only to wake the loop so that it looks at its
     * state again; a simulated loop drops it, as when it arrives depends on timing.
     */
    static final Runnable NUDGE = () -> { };

    /** While work is ready, how often the loop still polls its channels. */
    private static final long POLL_EVERY_NANOS = 50_000;

    private final String name;
    private final int index;
    /** Whether the thread that made it drives it ({@link #runUntil}), rather than a thread of its own. */
    private final boolean driven;
    private final Selector selector;
    private final Thread thread;
    /** The virtual clock and seeded choices of a simulated loop; {@code null} for a real one. */
    private final Simulation simulation;
    /** Loop-only: whether {@link #wokenFromOutside} has been said. */
    private boolean warnedOutside;
    /** See {@link #watchWakingElsewhere}. */
    private volatile java.util.function.BooleanSupplier wakingElsewhere = () -> false;
    private final Inbox inbox;
    private volatile boolean stopping;
    /** Coroutines of this loop not yet ended: the loop runs until they have, even when asked to stop. */
    private final java.util.concurrent.atomic.AtomicInteger coroutines = new java.util.concurrent.atomic.AtomicInteger();

    /** Loop-only. */
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    /** Loop-only. */
    private final PriorityQueue<LoopTimer> timers = new PriorityQueue<>();
    /** Loop-only. */
    private long timerSequence;
    /** Loop-only: when the selector was last asked for ready channels. */
    private long lastPoll;
    /** The size of the buffer the loop's connections read lines into. */
    private static final int READ_BUFFER_BYTES = 16 * 1024;
    /** Loop-only: see {@link #readBuffer()}. */
    private java.nio.ByteBuffer readBuffer;
    /** Loop-only: registered channels, so that stopping can tell whether any is left. */
    private int registrations;

    /**
     * The coroutine the loop runs now: the one it is handed to (baton mechanism), or the
     * virtual thread whose step it runs (scheduled mechanism); written on the loop.
     */
    private volatile Thread holder;
    /** Turns of the loop, and what it is running now: read by the watchdog. */
    private volatile long steps;
    private volatile Object running;
    /** The tasks on this loop, told if it dies; added and removed from any thread. */
    private final java.util.Set<Member> members = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Loop-only: the tasks on this loop that joined from the loop itself ({@link #enlist}), told if it dies. */
    private Enlisted enlisted;
    /** Whether the loop's thread has left its loop: steps handed to it later run elsewhere. */
    private volatile boolean ended;
    /** Why the loop died; {@code null} while it lives. */
    private volatile Throwable failure;
    /** Loop-only: the continuation step running now, and the task each coroutine step belongs to. */
    private Runnable currentStep;
    private final java.util.IdentityHashMap<Runnable, Coroutine> stepOwners = new java.util.IdentityHashMap<>();

    /** A coroutine of this loop, as the loop knows it: its task, and its thread once it runs. */
    interface Coroutine {
        /** @return the task */
        Object task();

        /** @return the coroutine's thread */
        Thread thread();

        /** @return what the loop tells if it dies while the coroutine is bound to it */
        Member member();
    }

    /** A task on this loop, told when the loop dies under it. */
    interface Member {
        /**
         * The loop has died and will run nothing more; called once, on the dying loop's thread (a coroutine
         * that had yet to begin calls it itself, where its first step runs instead).
         *
         * @param error why it died
         */
        void loopFailed(Throwable error);
    }

    /**
     * Opens the selector and starts the loop thread.
     *
     * @param name    the loop thread's name
     * @param index   the loop's number in its group
     * @param threads makes the loop thread
     */
    EventLoop(String name, int index, java.util.concurrent.ThreadFactory threads) {
        this(name, index, threads, null);
    }

    /**
     * Opens the selector and starts the loop thread.
     *
     * @param name    the loop thread's name
     * @param index   the loop's number in its group
     * @param threads makes the loop thread
     * @param seed    the seed of a simulated loop ({@link Simulation}); {@code null} for a real one
     */
    EventLoop(String name, int index, java.util.concurrent.ThreadFactory threads, Long seed) {
        this.driven = false;
        this.name = name;
        this.index = index;
        this.simulation = seed == null ? null : new Simulation(this, seed);
        this.selector = openSelector(name);
        this.inbox = new Inbox(selector::wakeup);
        this.thread = threads.newThread(this::loop);
        thread.setName(name);
        try {
            thread.start();
        } catch (Throwable t) { // no thread for it ("unable to create native thread"): it never was
            try {
                selector.close();
            } catch (IOException | RuntimeException e) {
                t.addSuppressed(e);
            }
            throw t;
        }
    }

    private EventLoop(String name) {
        this.driven = true;
        this.simulation = null;
        this.name = name;
        this.index = 0;
        this.selector = openSelector(name);
        this.inbox = new Inbox(selector::wakeup);
        this.thread = Thread.currentThread();
    }

    /**
     * A loop the calling thread drives with {@link #runUntil}; close it with {@link #closeDriven}.
     *
     * @param name for logs
     * @return the loop
     */
    static EventLoop driven(String name) {
        return new EventLoop(name);
    }

    private static Selector openSelector(String name) {
        try {
            return Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for " + name, e);
        }
    }

    /**
     * Adds a task to tell if the loop dies; if it has died already, tells it at once.
     *
     * @param member the task
     */
    void join(Member member) {
        members.add(member);
        if (failure != null && members.remove(member)) {
            member.loopFailed(died());
        }
    }

    /** @return the error a task of this dead loop fails with: it names the loop, and its cause is why it died */
    IllegalStateException died() {
        Throwable why = failure;
        return new IllegalStateException(name + " has died (" + why + "); its tasks cannot go on", why);
    }

    /** @param member a task that has ended */
    void leave(Member member) {
        members.remove(member);
    }

    /**
     * A {@link Member} that joins on the loop and ends on it (a callback
     * chain): it is its own link in the loop's list of them, which only the
     * loop touches, so joining costs neither a lock nor an allocation.
     */
    abstract static class Enlisted extends Link implements Member {
    }

    /**
     * {@link #join} for a task that joins on the loop and ends on it. Loop-only.
     *
     * @param member the task, not enlisted yet
     */
    void enlist(Enlisted member) {
        assert inLoop();
        enlisted = Link.push(enlisted, member);
    }

    /** @param member a task {@link #enlist}ed that has ended; nothing if it is not enlisted. Loop-only. */
    void discharge(Enlisted member) {
        assert inLoop();
        enlisted = Link.remove(enlisted, member);
    }

    /**
     * The buffer the loop's connections read lines into, one at a time (they
     * keep what is left of it before another may read). Loop-only.
     *
     * @return it, made on first use
     */
    ByteBuffer readBuffer() {
        assert inLoop();
        if (readBuffer == null) {
            readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
        }
        return readBuffer;
    }

    /** @return the simulation this loop runs, or {@code null} for a real loop */
    Simulation simulation() {
        return simulation;
    }

    /** @return the loop's clock: {@link System#nanoTime()}, or the virtual time of a simulated loop */
    long nanoTime() {
        return simulation == null ? System.nanoTime() : simulation.nanoTime();
    }

    /** @return the time now on the loop's clock, for {@code TaskContext.now()} */
    java.time.Instant now() {
        return simulation == null ? java.time.Instant.now() : simulation.instant();
    }

    /**
     * Adds a step to a simulated loop's trace; does nothing on a real loop.
     *
     * @param task  the task
     * @param event what it did
     */
    void trace(Object task, String event) {
        if (simulation != null) {
            simulation.record(task, event);
        }
    }

    /** @return the loop's selector */
    Selector selector() {
        return selector;
    }

    /** @return why the loop died, or {@code null} while it lives */
    Throwable failure() {
        return failure;
    }

    /** @return whether the caller is on this loop */
    boolean inLoop() {
        Thread current = Thread.currentThread();
        return current == thread || current == holder;
    }

    /** @return the loop's number in its group */
    int index() {
        return index;
    }

    /**
     * The scheduler of coroutines on this loop: runs one step of a virtual
     * thread (until it parks or ends) on the loop thread.
     *
     * @param step the virtual thread's continuation
     */
    void executeCoroutineStep(Runnable step) {
        CoroutineStep queued = new CoroutineStep(step);
        if (ended) {
            queued.runElsewhere();
            return;
        }
        execute(queued);
        if (ended) {
            queued.runElsewhere(); // the loop ended as we queued it; whichever runs it first does
        }
    }

    /**
     * One step of a virtual thread scheduled by this loop. Virtual threads a
     * task starts inherit its scheduler, so they may outlive the task and the
     * loop: a step that arrives once the loop has ended runs on the common
     * pool instead of never. Claimed once, by the loop or by that fallback.
     */
    private final class CoroutineStep extends java.util.concurrent.atomic.AtomicBoolean
            implements Runnable, Simulation.Laned {
        private final Runnable step;

        CoroutineStep(Runnable step) {
            this.step = step;
        }

        /** A coroutine's steps share its lane; its first, before it is bound, has one of its own. */
        @Override
        public Object lane() {
            Coroutine owner = stepOwners.get(step);
            return owner != null ? owner : this;
        }

        @Override
        public void run() {
            if (!compareAndSet(false, true)) {
                return;
            }
            currentStep = step;
            Coroutine owner = stepOwners.get(step);
            if (owner != null) {
                holder = owner.thread();
                running(owner.task());
            }
            try {
                step.run();
            } finally {
                running(null);
                holder = null;
                currentStep = null;
            }
        }

        void runElsewhere() {
            java.util.concurrent.ForkJoinPool.commonPool().execute(() -> {
                if (compareAndSet(false, true)) {
                    step.run();
                }
            });
        }
    }

    /**
     * Called by a coroutine as it begins, on the loop: names the task its steps belong to.
     *
     * @param task the task
     */
    void bindCoroutine(Coroutine coroutine) {
        assert Thread.currentThread() == coroutine.thread() && currentStep != null;
        holder = coroutine.thread();
        stepOwners.put(currentStep, coroutine);
        running(coroutine.task());
    }

    /**
     * Loop-only, or on the dying loop: the threads of the coroutines that have
     * begun on this loop and not ended.
     *
     * @return their threads
     */
    List<Thread> boundCoroutineThreads() {
        List<Thread> threads = new java.util.ArrayList<>(stepOwners.size());
        for (Coroutine coroutine : stepOwners.values()) {
            threads.add(coroutine.thread());
        }
        return threads;
    }

    /** Called by a coroutine as it ends, on the loop. */
    void unbindCoroutine() {
        assert inLoop();
        stepOwners.remove(currentStep);
    }

    /** @return the loop thread */
    Thread thread() {
        return thread;
    }

    /**
     * Runs {@code task} on the loop, after what is already queued.
     *
     * @param task what to run
     */
    @Override
    public void execute(Runnable task) {
        if (inLoop()) {
            if (simulation != null) {
                simulation.enqueue(task);
            } else {
                ready.add(task);
            }
            return;
        }
        inbox.offer(task);
    }

    /**
     * Runs {@code action} on the loop after {@code delayNanos}. Loop-only.
     *
     * @param delayNanos how long from now
     * @param action     what to run
     * @return the timer, to cancel
     */
    LoopTimer schedule(long delayNanos, Runnable action) {
        assert inLoop();
        LoopTimer timer = new LoopTimer(nanoTime()
                + Math.min(Math.max(0, delayNanos), dev.concurrency.internal.engine.Durations.MAX_DELAY_NANOS),
                timerSequence++, simulation == null ? action : Simulation.inLane(simulation.currentLane(), action));
        timers.add(timer);
        return timer;
    }

    /**
     * Registers a channel with the loop's selector. Loop-only.
     *
     * @param channel a non-blocking channel
     * @param handler told of readiness; the key's attachment
     * @return the key
     * @throws ClosedChannelException if the channel is closed
     */
    SelectionKey register(SelectableChannel channel, Readiness handler) throws ClosedChannelException {
        assert inLoop();
        registrations++;
        return channel.register(selector, 0, handler);
    }

    /** A channel registered with {@link #register} was closed. Loop-only. */
    void deregistered() {
        assert inLoop();
        registrations--;
    }

    /**
     * Closes a channel of the loop's, and cancels its key if it was registered. Loop-only.
     *
     * @param key     its key, or {@code null} if it was never registered
     * @param channel the channel
     */
    void closeRegistered(SelectionKey key, java.nio.channels.Channel channel) {
        if (key != null) {
            key.cancel();
            deregistered();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a socket channel fails only if it is already broken
        }
    }

    /**
     * For operations any thread may call but that must run on the loop (a
     * {@code close()}): whether the caller is on the loop; if not, {@code action}
     * is handed to the loop to run there, and the caller returns.
     *
     * @param action the operation, to run again on the loop
     * @return {@code true} if the caller is on the loop and goes on
     */
    boolean onLoopOrHandOver(Runnable action) {
        if (inLoop()) {
            return true;
        }
        execute(action);
        return false;
    }

    /** A coroutine of this loop starts; call before it can run. */
    void coroutineStarted() {
        coroutines.incrementAndGet();
    }

    /** A coroutine of this loop has run its last step that may need the loop. */
    void coroutineEnded() {
        if (coroutines.decrementAndGet() == 0 && stopping) {
            execute(NUDGE); // let a stopping loop see it may end
        }
    }

    /** Asks the loop to end once its queues are empty and its coroutines have ended; does not wait. */
    void stop() {
        stopping = true;
        execute(NUDGE);
    }

    /**
     * Hands the loop to a coroutine (the baton mechanism): until {@link #takeBack},
     * the coroutine counts as on the loop.
     *
     * @param coroutine the coroutine's thread
     */
    void handTo(Thread coroutine) {
        holder = coroutine;
    }

    /**
     * The loop is taken back from the coroutine it was handed to: by that
     * coroutine, or by the loop from one that was abandoned while holding it.
     * Only one of them succeeds.
     *
     * @param from the coroutine that holds it
     * @return whether it held the loop, which now has it back
     */
    boolean takeBack(Thread from) {
        return HOLDER.compareAndSet(this, from, null);
    }

    /** @return the coroutine the loop is handed to, or {@code null} */
    Thread holder() {
        return holder;
    }

    /** @return turns so far, to tell whether the loop moves */
    long steps() {
        return steps;
    }

    /** @return what the loop runs now (a task's description), or {@code null} between tasks */
    Object running() {
        return running;
    }

    /**
     * Marks the start or end of a task's turn, for the watchdog.
     *
     * @param what the task, or {@code null} when its turn ends
     */
    void running(Object what) {
        running = what;
        steps++;
    }

    private void loop() {
        try {
            while (simulation == null) {
                runReady();
                if (stopping && ready.isEmpty() && inbox.isEmpty() && coroutines.get() == 0
                        && liveTimers() == 0 && registrations == 0) {
                    break;
                }
                select();
            }
            if (simulation != null) {
                simulate();
            }
        } catch (Throwable t) {
            die(t);
        } finally {
            closeSelector();
            ended = true;
            for (Runnable r; (r = inbox.poll()) != null; ) {
                if (r instanceof CoroutineStep step) {
                    step.runElsewhere(); // a virtual thread a task started, outliving the loop
                }
            }
        }
    }

    /**
     * Drives a {@link #driven} loop on its thread until {@code done} says so.
     * An interrupt wakes it; whether it stops is {@code cancelled}'s to say,
     * so that a callback leaving the thread's interrupt status set (the
     * "restore the interrupt" idiom) neither cancels the task nor makes the
     * selector spin.
     *
     * @param done      checked after each turn
     * @param cancelled checked after each turn, after any interrupt status is cleared
     * @return {@code true} when done; {@code false} if cancelled first (the interrupt status is then set)
     * @throws Error                if a step threw one; the loop is dead
     * @throws UncheckedIOException if the selector failed; the loop is dead
     */
    boolean runUntil(java.util.function.BooleanSupplier done, java.util.function.BooleanSupplier cancelled) {
        assert Thread.currentThread() == thread;
        try {
            while (true) {
                runReady();
                if (done.getAsBoolean()) {
                    return true;
                }
                Thread.interrupted(); // a cancellation decides its outcome before it interrupts: checked next
                if (cancelled.getAsBoolean()) {
                    thread.interrupt();
                    return false;
                }
                select();
            }
        } catch (IOException e) {
            failure = e;
            throw new UncheckedIOException(name + " failed: " + e, e);
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        }
    }

    /** Closes a {@link #driven} loop's selector; its timers and ready work are dropped. */
    void closeDriven() {
        timers.clear();
        ready.clear();
        inbox.clear();
        closeSelector();
    }

    /**
     * The loop of a simulated run: one step at a time, drawn by the
     * {@link Simulation}; when nothing is ready, the clock jumps to the next
     * timer; with no timer either, the loop waits for work from other threads.
     */
    private void simulate() throws IOException {
        Simulation sim = simulation;
        java.util.function.Consumer<Runnable> run = this::runSafely;
        while (true) {
            for (Runnable r; (r = inbox.poll()) != null; ) {
                if (r instanceof CoroutineStep step) {
                    wokenFromOutside(step);
                }
                sim.enqueueFromOutside(r);
            }
            if (sim.held()) {
                awaitWork();
                continue;
            }
            fireDueTimers();
            if (sim.runNext(run)) {
                continue;
            }
            if (!inbox.isEmpty()) {
                continue;
            }
            LoopTimer next = firstLiveTimer();
            // a coroutine woken elsewhere hands its work over before it lets go of its interrupt status: checked
            // in the other order here, one of the two checks sees it
            if (next != null && !wakingElsewhere.getAsBoolean() && inbox.isEmpty()) {
                sim.advanceTo(next.deadline);
                continue;
            }
            if (stopping && coroutines.get() == 0 && registrations == 0) {
                break;
            }
            awaitWork();
        }
    }

    /**
     * Tells a simulated loop how to learn that work is on its way from another
     * thread (a coroutine woken off the loop), so that it waits for the work
     * rather than move its clock on.
     *
     * @param check says whether such work is on its way; called on the loop
     */
    void watchWakingElsewhere(java.util.function.BooleanSupplier check) {
        wakingElsewhere = check;
    }

    /**
     * A coroutine of a simulated loop that had begun was woken by another
     * thread: it waited outside its context (a JDK timer behind
     * {@code Thread.sleep}, a JDK lock or socket, another thread's hand-off),
     * in real time and in an order the seed does not decide. Said once per run,
     * naming the task. Loop-only.
     */
    private void wokenFromOutside(CoroutineStep step) {
        Coroutine owner = stepOwners.get(step.step);
        if (owner == null || warnedOutside) {
            return;
        }
        warnedOutside = true;
        log.warn("{} was woken from outside its simulated run ({}, simulated({})): it waited outside its "
                + "TaskContext (Thread.sleep, a JDK lock or socket, another thread), in real time and in an order "
                + "the seed does not decide, so the run may not replay. Wait through the TaskContext (ctx.sleep, "
                + "ctx.await, ctx.connect) in code meant to be simulated", owner.task(), name, simulation.seed());
    }

    /** Sleeps until another thread hands the loop work. */
    private void awaitWork() throws IOException {
        if (inbox.maySleep()) {
            selector.select();
            inbox.awake();
        } else {
            selector.selectNow();
        }
        selector.selectedKeys().clear();
    }

    private LoopTimer firstLiveTimer() {
        while (!timers.isEmpty() && timers.peek().isCancelled()) {
            timers.poll();
        }
        return timers.peek();
    }

    private void runReady() {
        fireDueTimers();
        for (Runnable r; (r = inbox.poll()) != null; ) {
            ready.add(r);
        }
        for (int n = ready.size(); n > 0; n--) {
            runSafely(ready.poll());
        }
    }

    /**
     * The loop has died: its tasks are told, so each fails rather than waits
     * for it: those that joined, and those still queued to begin (work in its
     * queues that is a {@link Member}, and the coroutines bound to it). The
     * first steps of coroutines yet to begin run elsewhere, where each fails its
     * own task. A task queued after this is failed by whoever queued it
     * ({@link #failure()} is set first).
     */
    private void die(Throwable t) {
        failure = t;
        List<Member> told = new java.util.ArrayList<>();
        while (enlisted != null) {
            told.add(enlisted);
            discharge(enlisted);
        }
        if (simulation != null) {
            simulation.drainTo(ready);
        }
        for (Runnable r; (r = inbox.poll()) != null; ) {
            ready.add(r);
        }
        List<CoroutineStep> unbound = new java.util.ArrayList<>();
        for (Runnable r : ready) {
            if (r instanceof Member queued) {
                told.add(queued);
            } else if (r instanceof CoroutineStep step && !stepOwners.containsKey(step.step)) {
                unbound.add(step); // a coroutine yet to begin, or a thread a task started
            }
        }
        ready.clear();
        for (Member member : List.copyOf(members)) {
            if (members.remove(member)) {
                told.add(member);
            }
        }
        for (Coroutine coroutine : stepOwners.values()) {
            told.add(coroutine.member());
        }
        log.error("{} failed and stopped; its {} task(s) fail with its error ({} coroutine step(s) yet to begin "
                + "run elsewhere, to fail theirs)", name, told.size(), unbound.size(), t);
        for (CoroutineStep step : unbound) {
            step.runElsewhere(); // a coroutine that finds its loop dead as it begins fails its member itself
        }
        IllegalStateException died = died();
        for (Member member : told) {
            try {
                member.loopFailed(died);
            } catch (Throwable e) {
                log.error("{}: failing a task of the dead loop failed", name, e);
            }
        }
    }

    private void closeSelector() {
        try {
            selector.close();
        } catch (IOException e) {
            log.debug("{}: closing the selector failed", name, e);
        }
    }

    private void select() throws IOException {
        long timeoutMillis = 0; // 0: no timer, sleep until woken
        if (!timers.isEmpty()) {
            long nanos = timers.peek().deadline - System.nanoTime();
            timeoutMillis = nanos <= 0 ? -1 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
        }
        int selected;
        if (timeoutMillis < 0 || !ready.isEmpty()) {
            // Work is ready: poll I/O without sleeping, though not on every turn, since a poll is a system
            // call that costs more than a switch between coroutines; I/O waits at most POLL_EVERY_NANOS.
            long now = System.nanoTime();
            if (registrations == 0 || now - lastPoll < POLL_EVERY_NANOS) {
                return;
            }
            lastPoll = now;
            selected = selector.selectNow();
        } else {
            lastPoll = System.nanoTime();
            if (!inbox.maySleep()) {
                selected = selector.selectNow();
            } else {
                selected = timeoutMillis == 0 ? selector.select() : selector.select(timeoutMillis);
                inbox.awake();
            }
        }
        if (selected > 0) {
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                if (key.isValid()) {
                    int ops = key.readyOps();
                    Readiness handler = (Readiness) key.attachment();
                    int cleared = handler.keepsReadInterest() ? ops & ~SelectionKey.OP_READ : ops;
                    if (cleared != 0) {
                        key.interestOps(key.interestOps() & ~cleared);
                    }
                    runSafely(() -> handler.ready(ops));
                }
            }
        }
    }

    private void fireDueTimers() {
        long now = nanoTime();
        while (!timers.isEmpty() && timers.peek().deadline - now <= 0) {
            LoopTimer timer = timers.poll();
            if (simulation == null) {
                runSafely(timer::fire);
            } else if (timer.action() instanceof Simulation.Laned armed) {
                simulation.enqueue(timer::fire, armed.lane()); // due timers race like any ready work, in their lanes
            }
        }
    }

    private int liveTimers() {
        timers.removeIf(LoopTimer::isCancelled);
        return timers.size();
    }

    /**
     * Runs a step; a {@link RuntimeException} is logged and the loop goes on, an
     * {@link Error} kills the loop. An interrupt status a step leaves on a loop's
     * own thread is cleared (nothing interrupts a loop thread; left set, it would
     * make every select return at once).
     */
    private void runSafely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.error("{}: unexpected failure of a loop step; the loop goes on", name, e);
        }
        if (!driven && Thread.currentThread() == thread && Thread.interrupted()) {
            log.debug("{}: a step left the loop thread's interrupt status set; cleared", name);
        }
    }

    @Override
    public String toString() {
        return name;
    }

    /** Told when a registered channel is ready. Called on the loop. */
    interface Readiness {
        /**
         * @param readyOps the ready operations ({@link SelectionKey#OP_READ} and so on); their interest is
         *                 cleared, but for {@link SelectionKey#OP_READ} where {@link #keepsReadInterest()}
         */
        void ready(int readyOps);

        /**
         * Whether the loop leaves read interest set when reads are ready: the
         * handler clears it itself when no read waits (a connection read again
         * and again, where clearing and setting it each time would cost two
         * system calls). {@code false} by default.
         *
         * @return whether the handler clears its own read interest
         */
        default boolean keepsReadInterest() {
            return false;
        }
    }
}
