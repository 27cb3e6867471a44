package dev.concurrency.internal.engine;

import dev.concurrency.Listener;
import dev.concurrency.Outcome;
import dev.concurrency.TaskContext;
import dev.concurrency.TaskGroup;
import dev.concurrency.TaskInfo;
import dev.concurrency.spi.TaskExecution;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The part of a {@link TaskContext} every way of waiting shares: which task
 * it serves, whether that task is cancelled, argument checks, and the
 * resources (such as connections) to release when the task ends, and the
 * task-structure operations built on the engine's waits: {@code withTimeout}
 * (a scope that interrupts the task's thread, the way every direct-style wait
 * is cancelled) and {@code group} (children started by the engine's
 * {@link ChildLauncher}). The GIL is not here: it decorates the context from
 * outside. Accessed only by the thread running the task.
 */
public abstract class ExecutionContext implements TaskContext, Waits, ServerSupport {

    private static final java.lang.invoke.VarHandle RESOURCES;

    static {
        try {
            RESOURCES = java.lang.invoke.MethodHandles.lookup().findVarHandle(ExecutionContext.class, "resources",
                    Resources.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final TaskExecution<?> execution;
    private final ChildLauncher children;
    /** Made on first need (most tasks open nothing), through {@link #RESOURCES}. */
    private volatile Resources resources;
    /** Set once the task's code has returned; read by whichever thread uses the context. */
    private volatile boolean ended;
    /** The innermost open {@code withTimeout} scope; used by the task's thread only. */
    private TimeoutScope scope;

    /**
     * @param execution the execution it serves
     * @param children  where the task's children run
     */
    protected ExecutionContext(TaskExecution<?> execution, ChildLauncher children) {
        this.execution = execution;
        this.children = children;
    }

    @Override
    public final <V> V withTimeout(Duration timeout, Callable<V> body) throws Exception {
        checkOpen();
        Objects.requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: >= 0)");
        }
        Objects.requireNonNull(body, "body is null");
        TimeoutScope s = new TimeoutScope(scope, Thread.currentThread(), timeout);
        scope = s;
        Runnable disarm;
        if (timeout.isZero()) {
            s.fire();
            disarm = () -> { };
        } else {
            disarm = schedule(timeout, s::fire);
        }
        V value = null;
        Throwable error = null;
        try {
            value = body.call();
        } catch (Throwable t) {
            error = t;
        } finally {
            scope = s.enclosing();
            disarm.run();
        }
        if (s.close()) {
            Thread.interrupted(); // this scope's own interrupt, unless the task's or an enclosing scope's is due too
            if (isCancelled() || s.enclosingFired()) {
                Thread.currentThread().interrupt();
                if (error == null) {
                    error = new InterruptedException(task() + " was cancelled");
                }
            } else {
                TimeoutException late = s.timedOut(task());
                late.initCause(error);
                throw late;
            }
        }
        if (error != null) {
            throw rethrowable(error);
        }
        return value;
    }

    private static Exception rethrowable(Throwable error) {
        if (error instanceof Error e) {
            throw e;
        }
        return error instanceof Exception e ? e : new ExecutionException(error);
    }

    /**
     * Arms a timer for {@link #withTimeout}. This default sleeps on a virtual
     * thread of its own; a loop's context uses the loop's timers.
     *
     * @param delay  after how long
     * @param action what to do then; must not block
     * @return disarms it; called by the task's thread
     */
    protected Runnable schedule(Duration delay, Runnable action) {
        Thread timer = Thread.ofVirtual().name("concurrency-timeout").start(() -> {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return;
            }
            action.run();
        });
        return timer::interrupt;
    }

    @Override
    public final Listener listen(InetSocketAddress address) throws IOException {
        return listen(address, false);
    }

    @Override
    public <V> TaskGroup<V> group() {
        return group(this);
    }

    /**
     * Opens a group whose waits go through {@code waits} (the GIL decorator's, when there is one).
     *
     * @param waits how the task waits for its children
     * @param <V>   the children's result type
     * @return the group, closed (its children stopped) when the task ends if the task does not close it
     */
    public final <V> TaskGroup<V> group(Waits waits) {
        return group(waits, true, null);
    }

    @Override
    public final <V> ChildGroup<V> serverGroup(Consumer<Outcome<V>> endings) {
        return group(this, false, endings);
    }

    /**
     * Opens a group.
     *
     * @param waits       how the task waits for its children
     * @param retainEnded whether ended children stay listed for {@code join}; a server forgets them
     * @param endings     told each child's outcome as it ends; {@code null} for nobody
     * @param <V>         the children's result type
     * @return the group, closed (its children stopped) when the task ends if the task does not close it
     */
    public final <V> ChildGroup<V> group(Waits waits, boolean retainEnded, Consumer<Outcome<V>> endings) {
        checkOpen();
        if (!(execution instanceof Execution<?> parent)) {
            throw new IllegalStateException(task() + ": its engine gives no way to run children");
        }
        ChildGroup<V> group = new ChildGroup<>(this, parent, waits, children, retainEnded, endings);
        resources().track(group::closeAtParentEnd);
        return group;
    }

    @Override
    public final TaskInfo task() {
        return execution.info();
    }

    @Override
    public final boolean isCancelled() {
        return execution.isCancelled();
    }

    /**
     * Whether {@link #checkpoint()} may suspend the task to let others run (as
     * on a loop), rather than only check for cancellation; a GIL is released
     * around a checkpoint that suspends.
     *
     * @return {@code false} unless a subclass suspends there
     */
    public boolean checkpointSuspends() {
        return false;
    }

    /**
     * Keeps a resource to close when the task ends, if the task has not closed it.
     *
     * @param resource the resource
     * @param <R>      its type
     * @return {@code resource}
     */
    protected final <R extends AutoCloseable> R track(R resource) {
        return resources().track(resource);
    }

    private Resources resources() {
        Resources r = resources;
        if (r == null) {
            RESOURCES.compareAndSet(this, null, new Resources());
            r = resources;
        }
        return r;
    }

    /**
     * Forgets a tracked resource that was closed (from any thread), so a long-running task does not keep it.
     *
     * @param resource the resource
     */
    protected final void forget(AutoCloseable resource) {
        Resources r = resources;
        if (r != null) {
            r.forget(resource);
        }
    }

    /**
     * Fails an operation called after the task ended (a context kept by a
     * thread or a callback that outlived the task): nothing would close what it opened.
     *
     * @throws IllegalStateException if the task has ended
     */
    protected final void checkOpen() {
        if (ended) {
            throw new IllegalStateException(task() + " has ended; its context cannot be used any more "
                    + "(a thread or callback kept it past the task's end)");
        }
    }

    /** Closes what the task left open. Called by {@link Execution#run} once the task's code has returned. */
    public final void releaseResources() {
        ended = true;
        codeReturned();
        Resources r = resources;
        if (r != null) {
            r.close();
        }
    }

    /**
     * Called once the task's code has returned, before what it left open is
     * closed and the run records its end: what runs on the task's thread from
     * here is the library's work, not the task's. Does nothing by default.
     */
    protected void codeReturned() {
    }

    /**
     * Checks a wait's duration.
     *
     * @param duration the duration given by the task
     * @return it, if not negative
     */
    protected static Duration checkDuration(Duration duration) {
        Objects.requireNonNull(duration, "duration is null");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration: " + duration + " (expected: >= 0)");
        }
        return duration;
    }
}
