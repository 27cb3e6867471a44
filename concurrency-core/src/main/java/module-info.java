/**
 * concurrency: run the same {@link dev.concurrency.Task}s under every classic
 * concurrency model and measure what each costs. {@code dev.concurrency} (the
 * API) and {@code dev.concurrency.spi} (what a strategy's provider implements)
 * are exported; the engines behind each strategy are internal, and the
 * built-in strategies are providers found through {@link java.util.ServiceLoader}
 * like any other module's.
 */
module dev.concurrency {
    requires org.slf4j;
    requires org.jctools.core;
    requires jdk.management;

    exports dev.concurrency;
    exports dev.concurrency.spi;

    uses dev.concurrency.spi.StrategyProvider;

    provides dev.concurrency.spi.StrategyProvider with
            dev.concurrency.internal.process.ProcessProvider,
            dev.concurrency.internal.thread.ThreadProvider,
            dev.concurrency.internal.thread.VirtualThreadProvider,
            dev.concurrency.internal.eventloop.EventLoopProvider,
            dev.concurrency.internal.eventloop.CallbackProvider;
}
