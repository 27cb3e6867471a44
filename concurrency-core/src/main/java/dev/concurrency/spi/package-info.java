/**
 * What a strategy's provider implements: the one place where everything about
 * a {@link dev.concurrency.Strategy} is declared (which tasks it accepts, its
 * admission bound, where the GIL lives, its typed options, whether it offers an
 * {@link java.util.concurrent.ExecutorService}) and how its {@link dev.concurrency.spi.Engine} is made.
 *
 * <p>Providers are found through {@link java.util.ServiceLoader}, on the class
 * path ({@code META-INF/services/dev.concurrency.spi.StrategyProvider}) and the
 * module path ({@code provides dev.concurrency.spi.StrategyProvider with ...}).
 * The five built-in strategies are found the same way. A provider that runs
 * tasks in other JVMs uses {@link dev.concurrency.spi.RemoteTaskRunner} on the
 * far side and {@link dev.concurrency.spi.RemoteResult} to bring each outcome back.
 */
package dev.concurrency.spi;
