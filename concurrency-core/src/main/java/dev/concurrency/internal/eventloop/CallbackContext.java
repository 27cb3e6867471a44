package dev.concurrency.internal.eventloop;

import dev.concurrency.AsyncConnection;
import dev.concurrency.AsyncContext;
import dev.concurrency.AsyncListener;
import dev.concurrency.AsyncTaskGroup;
import dev.concurrency.Outcome;
import dev.concurrency.TaskInfo;
import dev.concurrency.internal.engine.AsyncServerSupport;
import dev.concurrency.internal.engine.Durations;
import dev.concurrency.internal.engine.Execution;
import dev.concurrency.internal.engine.Resources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one context of callback-style code, whatever the strategy: each
 * operation arms a loop operation and returns a future that completes on the
 * loop, so the task's callbacks run there, one at a time. The loop is a shared
 * one (CALLBACK, EVENT_LOOP) or the task's own thread driving a loop of its own
 * (the thread and process strategies). Cancelling disarms the pending
 * operations and fails their futures with {@link InterruptedException}; the
 * task's end disarms them without completing them. Accessed only on the loop;
 * an operation called from elsewhere is handed to the loop first.
 */
final class CallbackContext implements AsyncContext, AsyncServerSupport {


    private final TaskInfo task;
    private final EventLoop loop;
    private final Executor blocking;
    /** The task's execution, whose run observes and decorates its children; {@code null} for a called async task. */
    private final Execution<?> owner;
    private final Resources resources = new Resources();
    /** Loop-only: operations armed and not yet completed, linked through themselves; {@code null} for none. */
    private Pending<?> pending;
    /** Loop-only: the groups opened, whose children a cancellation cancels; made on first need, as is the next. */
    private List<AsyncChildGroup<?>> groups;
    /** Loop-only: the {@code withTimeout} scope the running callback belongs to, or {@code null}. */
    private AsyncScope current;
    /** Loop-only: the timers of scopes whose body has not completed; disarmed when the task ends. */
    private List<LoopTimer> scopeTimers;
    /** Loop-only. */
    private boolean cancelled;
    /** The task has ended; later operations are refused. Written on the loop, read anywhere: its loop may be gone. */
    private volatile boolean ended;

    /**
     * @param task     the task
     * @param loop     where its callbacks run
     * @param blocking where {@link #blocking} work runs
     */
    CallbackContext(TaskInfo task, EventLoop loop, Executor blocking) {
        this(task, loop, blocking, null);
    }

    /**
     * @param task     the task
     * @param loop     where its callbacks run
     * @param blocking where {@link #blocking} work runs
     * @param owner    the task's execution, for its children; {@code null} if it has none of its own
     */
    CallbackContext(TaskInfo task, EventLoop loop, Executor blocking, Execution<?> owner) {
        this.task = task;
        this.loop = loop;
        this.blocking = blocking;
        this.owner = owner;
    }

    @Override
    public TaskInfo task() {
        return task;
    }

    /** @return the loop its callbacks run on */
    EventLoop loop() {
        return loop;
    }

    @Override
    public CompletionStage<Void> sleep(Duration duration) {
        Objects.requireNonNull(duration, "duration is null");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration: " + duration + " (expected: >= 0)");
        }
        return future(Simulation.sleepStep(loop, duration),
                callback -> LoopOps.sleep(loop, duration, callback));
    }

    @Override
    public CompletionStage<Void> checkpoint() {
        return future(Simulation.CHECKPOINT_STEP, callback -> LoopOps.sleep(loop, Duration.ZERO, callback));
    }

    @Override
    public <V> CompletionStage<V> await(CompletionStage<V> stage) {
        Objects.requireNonNull(stage, "stage is null");
        return future("suspended on await", callback -> LoopOps.await(loop, stage, callback));
    }

    @Override
    public <V> CompletionStage<V> blocking(Callable<V> work) {
        Objects.requireNonNull(work, "work is null");
        return future("suspended on blocking", callback -> LoopOps.blocking(loop, blocking, work, callback));
    }

    @Override
    public CompletionStage<AsyncConnection> connect(InetSocketAddress address) {
        Objects.requireNonNull(address, "address is null");
        return this.<LoopStream>future(callback -> Simulation.connect(loop, address, task, callback))
                .thenApply(connection -> new CallbackConnection(this, resources.track(connection)));
    }

    @Override
    public <V> CompletionStage<V> withTimeout(Duration timeout, Supplier<? extends CompletionStage<V>> body) {
        Objects.requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: >= 0)");
        }
        Objects.requireNonNull(body, "body is null");
        CompletableFuture<V> result = new CompletableFuture<>();
        if (ended) {
            result.completeExceptionally(endedError());
        } else if (loop.inLoop()) {
            startScope(timeout, body, result);
        } else {
            loop.execute(() -> startScope(timeout, body, result));
        }
        return result;
    }

    private <V> void startScope(Duration timeout, Supplier<? extends CompletionStage<V>> body,
                                CompletableFuture<V> result) {
        if (cancelled) {
            result.completeExceptionally(cancellation());
            return;
        }
        AsyncScope scope = new AsyncScope(current, timeout, result);
        LoopTimer timer = null;
        if (timeout.isZero()) {
            fire(scope);
        } else {
            timer = loop.schedule(Durations.delayNanos(timeout), () -> fire(scope));
            scopeTimers = added(scopeTimers, timer);
        }
        AsyncScope outer = current;
        current = scope;
        CompletionStage<V> stage;
        try {
            stage = Objects.requireNonNull(body.get(), "withTimeout's body returned a null stage");
        } catch (Throwable t) {
            stage = CompletableFuture.failedFuture(t);
        } finally {
            current = outer;
        }
        LoopTimer armed = timer;
        stage.whenComplete((value, error) -> {
            Runnable end = () -> {
                if (armed != null) {
                    armed.cancel();
                    if (scopeTimers != null) {
                        scopeTimers.remove(armed);
                    }
                }
                if (error == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(LoopOps.unwrap(error));
                }
            };
            if (loop.inLoop()) {
                end.run();
            } else {
                loop.execute(end);
            }
        });
    }

    /** On the loop: a scope's time has passed; what its body waits on fails, and so does its stage. */
    private void fire(AsyncScope scope) {
        if (scope.result.isDone()) {
            return;
        }
        scope.fired = true;
        List<Pending<?>> inside = new ArrayList<>();
        for (Pending<?> p = pending; p != null; p = (Pending<?>) p.next()) {
            if (p.scope != null && p.scope.within(scope)) {
                inside.add(p);
            }
        }
        for (Pending<?> p : inside) {
            unlist(p);
        }
        // the scope's stage fails first: its body's stages, failing below, must not complete it
        scope.result.completeExceptionally(new TimeoutException(task + ": its withTimeout("
                + scope.timeout.toMillis() + " ms) ran out"));
        for (Pending<?> p : inside) {
            p.disarm.run();
            p.future.completeExceptionally(new InterruptedException(task + ": its withTimeout ran out"));
        }
    }

    @Override
    public <V> AsyncTaskGroup<V> group() {
        if (ended) {
            throw endedError();
        }
        return register(new AsyncChildGroup<>(this, owner, true, null));
    }

    @Override
    public <V> AsyncTaskGroup<V> serverGroup(Consumer<Outcome<V>> endings) {
        if (ended) {
            throw endedError();
        }
        return register(new AsyncChildGroup<>(this, owner, false, endings));
    }

    private <V> AsyncChildGroup<V> register(AsyncChildGroup<V> group) {
        if (loop.inLoop()) {
            groups = added(groups, group);
        } else {
            loop.execute(() -> groups = added(groups, group));
        }
        return group;
    }

    /** @return {@code list} with {@code element} added, {@code list} made if {@code null} */
    private static <E> List<E> added(List<E> list, E element) {
        List<E> to = list == null ? new ArrayList<>(2) : list;
        to.add(element);
        return to;
    }

    /** @return a copy of {@code list}, which may be {@code null} */
    private static <E> List<E> copy(List<E> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** @return where its blocking work runs */
    Executor blockingPool() {
        return blocking;
    }

    @Override
    public AsyncListener listen(InetSocketAddress address) {
        try {
            return listen(address, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public AsyncListener listen(InetSocketAddress address, boolean reusePort) throws IOException {
        Objects.requireNonNull(address, "address is null");
        if (ended) {
            throw endedError();
        }
        LoopPort listener = Simulation.listen(loop, address, task, reusePort);
        resources.track(listener);
        return new CallbackListener(this, listener);
    }

    /** @return a connection a listener of this task accepted, closed when the task ends if not before */
    AsyncConnection accepted(LoopStream connection) {
        return new CallbackConnection(this, resources.track(connection));
    }

    /** A connection of this task was closed: it is no longer kept. */
    void closed(LoopStream connection) {
        resources.forget(connection);
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Arms an operation; the returned future completes on the loop. An
     * operation that throws (even an {@link Error}) fails its future: it is the
     * task's step, and fails the task, not the loop.
     *
     * @param operation arms the operation with a callback, and returns how to disarm it
     * @param <V>       the result type
     * @return the operation's future
     */
    <V> CompletableFuture<V> future(Function<Callback<V>, Runnable> operation) {
        return future("suspended on socket", operation);
    }

    /**
     * {@link #future(Function)}, naming the operation for a simulated run's trace.
     *
     * @param what      the step for a simulated run's trace ({@code suspended on} the operation); may be {@code null} on
     *                  a real loop
     * @param operation arms the operation with a callback, and returns how to disarm it
     * @param <V>       the result type
     * @return the operation's future
     */
    <V> CompletableFuture<V> future(String what, Function<Callback<V>, Runnable> operation) {
        CompletableFuture<V> future = new CompletableFuture<>();
        if (ended) { // refused here, not on the loop, which may have ended with the run
            future.completeExceptionally(endedError());
        } else if (loop.inLoop()) {
            arm(what, future, operation);
        } else {
            loop.execute(() -> arm(what, future, operation));
        }
        return future;
    }

    @Override
    public java.time.Instant now() {
        return loop.now();
    }

    private <V> void arm(String what, CompletableFuture<V> future, Function<Callback<V>, Runnable> operation) {
        if (cancelled) {
            future.completeExceptionally(cancellation());
            return;
        }
        if (ended) {
            future.completeExceptionally(endedError());
            return;
        }
        if (current != null && current.firedWithin()) {
            future.completeExceptionally(new InterruptedException(task + ": its withTimeout ran out"));
            return;
        }
        Pending<V> p = new Pending<>(future, current);
        loop.trace(task, what);
        try {
            p.disarm = operation.apply((value, error) -> {
                unlist(p);
                loop.trace(task, "resumed");
                Object outer = loop.running(); // the task itself, when its own code completed the operation inline
                loop.running(task); // the task's callbacks run now, inline: the watchdog names it if they block
                AsyncScope outerScope = current;
                current = p.scope; // callbacks chained to it belong to the scope that armed it
                try {
                    if (error == null) {
                        future.complete(value);
                    } else {
                        future.completeExceptionally(error);
                    }
                } finally {
                    current = outerScope;
                    loop.running(outer);
                }
            });
        } catch (Throwable t) {
            unlist(p);
            future.completeExceptionally(t);
            return;
        }
        if (!future.isDone()) {
            list(p);
        }
    }

    /** Loop-only: adds an operation to {@link #pending}. */
    private void list(Pending<?> p) {
        pending = Link.push(pending, p);
    }

    /** Loop-only: takes an operation out of {@link #pending}, if it is there. */
    private void unlist(Pending<?> p) {
        pending = Link.remove(pending, p);
    }

    /** On the loop: disarms every pending operation and fails its future. */
    void cancel() {
        cancelled = true;
        for (Pending<?> p : disarmAll()) {
            p.future.completeExceptionally(cancellation());
        }
        for (AsyncChildGroup<?> group : copy(groups)) {
            group.endChildren();
        }
    }

    /**
     * On the loop, as the task ends: disarms what is still pending (an abandoned
     * timer or read must not keep the loop, or the run, alive) and closes what
     * the task left open.
     */
    void release() {
        ended = true;
        disarmAll();
        for (LoopTimer timer : copy(scopeTimers)) {
            timer.cancel(); // a scope still open when the task ended must not keep the loop alive
        }
        scopeTimers = null;
        for (AsyncChildGroup<?> group : copy(groups)) {
            group.endChildren(); // none outlives its parent
        }
        groups = null;
        resources.close();
    }

    private List<Pending<?>> disarmAll() {
        if (pending == null) {
            return List.of();
        }
        List<Pending<?>> armed = new ArrayList<>();
        while (pending != null) {
            armed.add(pending);
            unlist(pending);
        }
        for (Pending<?> p : armed) {
            p.disarm.run();
        }
        return armed;
    }

    private IllegalStateException endedError() {
        return new IllegalStateException(task + " has ended; its context cannot be used any more "
                + "(a thread or callback kept it past the task's end)");
    }

    private InterruptedException cancellation() {
        return new InterruptedException(task + " was cancelled");
    }

    /** One armed operation. */
    private static final class Pending<V> extends Link {
        final CompletableFuture<V> future;
        /** The {@code withTimeout} scope it was armed in, or {@code null}. */
        final AsyncScope scope;
        Runnable disarm = () -> { };

        Pending(CompletableFuture<V> future, AsyncScope scope) {
            this.future = future;
            this.scope = scope;
        }
    }

    /** One {@code withTimeout} of the task: loop-only. */
    private static final class AsyncScope {
        final AsyncScope enclosing;
        final Duration timeout;
        final CompletableFuture<?> result;
        boolean fired;

        AsyncScope(AsyncScope enclosing, Duration timeout, CompletableFuture<?> result) {
            this.enclosing = enclosing;
            this.timeout = timeout;
            this.result = result;
        }

        /** @return whether this scope is {@code other} or nested in it */
        boolean within(AsyncScope other) {
            for (AsyncScope s = this; s != null; s = s.enclosing) {
                if (s == other) {
                    return true;
                }
            }
            return false;
        }

        /** @return whether this scope or one around it has fired */
        boolean firedWithin() {
            for (AsyncScope s = this; s != null; s = s.enclosing) {
                if (s.fired) {
                    return true;
                }
            }
            return false;
        }
    }
}
